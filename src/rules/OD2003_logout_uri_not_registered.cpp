#include "rules/common.h"

#include "core/text.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.logout_uris) continue;
    for (auto& r : compare_uris(ctx.platform.logout_uris(ctx.config, c), *c.logout_uris)) {
      if (r.state == UriCheck::State::Registered) continue;
      std::string near = r.near ? fmt::format(" (closest registered: {}, {})", r.near->value, join(r.diffs, ", ")) : "";
      out.report(c.logout_uris->key,
                 fmt::format("{}{} URI {} is not registered on the {}{}", where_env(r.expected.environment),
                             r.expected.purpose, r.expected.uri, c.label, near),
                 {.environment = r.expected.environment,
                  .client = &c,
                  .fix = fmt::format("Register {} as a sign-out (post-logout) redirect URI of the {}.", r.expected.uri,
                                     c.label),
                  .key = r.expected.uri,
                  .redirect_uri = r.expected.uri});
    }
  }
}
}  // namespace
extern const Rule OD2003{"OD2003",
                         "logout-uri-not-registered",
                         Severity::Warning,
                         "logout-uri-mismatch",
                         "A sign-out redirect URI the platform uses is not registered",
                         "Register the sign-out URI on the client at the IdP.",
                         check};
}  // namespace od::rules
