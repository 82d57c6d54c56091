#include "rules/common.h"

namespace od::rules {
namespace {
constexpr std::string_view kFixedIn = "11.16.1";
void check(const Context& ctx, Sink& out) {
  if (ctx.config.platform != "outsystems" || !ctx.config.oidc_activated_with_lifetime) return;
  auto& at = *ctx.config.oidc_activated_with_lifetime;
  auto v = Version::parse(at.value);
  if (!v || !(*v < *Version::parse(kFixedIn))) return;
  out.report(at.pos,
             fmt::format("OIDC was activated with LifeTime {}, before {}: users keep seeing both the "
                         "username/password and the SSO login options",
                         at.value, kFixedIn),
             {.fix = "Deactivate the IdP in LifeTime and activate it again (on LifeTime 11.16.1 or later)."});
}
}  // namespace
extern const Rule OD2203{"OD2203",
                         "oidc-activated-on-old-lifetime",
                         Severity::Warning,
                         "prerequisites-outdated",
                         "OIDC activated before LifeTime 11.16.1: both login options keep showing",
                         "Deactivate and activate the IdP again.",
                         check};
}  // namespace od::rules
