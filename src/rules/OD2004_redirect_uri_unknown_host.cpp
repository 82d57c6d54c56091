#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  std::set<std::string> known;
  for (auto& env : ctx.config.environments)
    if (auto u = Uri::parse(env.url.value); u && u->has_authority) known.insert(to_lower(u->host));
  for (auto h : ctx.platform.extra_hosts()) known.insert(to_lower(h));
  for (auto& c : ctx.config.clients) {
    if (!c.redirect_uris) continue;
    for (auto& item : c.redirect_uris->items) {
      auto u = Uri::parse(item.value);
      if (!u || !u->is_http() || !u->has_authority || item.value.find('*') != std::string::npos) continue;
      if (known.count(to_lower(u->host))) continue;
      out.report(item.pos,
                 fmt::format("registered redirect URI {} points at host {}, which is no environment of this "
                             "config: a stale or mistyped registration",
                             item.value, u->host),
                 {.client = &c,
                  .fix = "Remove the URI at the IdP if the host is gone, or add the environment to the config.",
                  .key = item.value});
    }
  }
}
}  // namespace
extern const Rule OD2004{"OD2004",
                         "redirect-uri-unknown-host",
                         Severity::Warning,
                         "redirect-uri-mismatch",
                         "A registered redirect URI for a host that is not in the config",
                         "Remove stale registrations or add the missing environment.",
                         check};
}  // namespace od::rules
