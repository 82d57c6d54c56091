#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.redirect_uris) continue;
    for (auto& r : compare_uris(ctx.platform.redirect_uris(ctx.config, c), *c.redirect_uris)) {
      if (r.state != UriCheck::State::Missing) continue;
      out.report(c.redirect_uris->key,
                 fmt::format("{}{} redirect URI {} is not registered on the {}", where_env(r.expected.environment),
                             r.expected.purpose, r.expected.uri, c.label),
                 {.environment = r.expected.environment,
                  .client = &c,
                  .fix = fmt::format("Register exactly {} as a sign-in redirect URI of the {} ({}) at the IdP, "
                                     "then add it to `redirect_uris`.",
                                     r.expected.uri, c.label, c.client_id ? c.client_id->value : "no client id"),
                  .key = r.expected.uri,
                  .redirect_uri = r.expected.uri});
    }
  }
}
}  // namespace
extern const Rule OD2001{"OD2001",
                         "redirect-uri-not-registered",
                         Severity::Error,
                         "redirect-uri-mismatch",
                         "A redirect URI the platform sends is not registered on the client",
                         "Register the exact URI on the client at the IdP.",
                         check};
}  // namespace od::rules
