#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.grant_types) continue;
    std::vector<std::string_view> need{"authorization_code"};
    if (ctx.platform.needs_refresh_token(c)) need.push_back("refresh_token");
    for (auto g : need) {
      if (c.grant_types->contains(g)) continue;
      out.report(c.grant_types->key,
                 fmt::format("the {} does not allow the `{}` grant, which the platform uses", c.label, g),
                 {.client = &c,
                  .fix = fmt::format("Enable the `{}` grant type on the client at the IdP.", g),
                  .key = std::string(g)});
    }
  }
}
}  // namespace
extern const Rule OD2502{"OD2502",
                         "grant-type-missing",
                         Severity::Error,
                         "grant-type-not-allowed",
                         "A client without a grant type the platform uses",
                         "Enable authorization_code (and refresh_token) on the client.",
                         check};
}  // namespace od::rules
