#include "rules/common.h"

#include "core/text.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.redirect_uris) continue;
    for (auto& r : compare_uris(ctx.platform.redirect_uris(ctx.config, c), *c.redirect_uris)) {
      if (r.state != UriCheck::State::NearMiss) continue;
      out.report(r.near->pos,
                 fmt::format("{}registered {} is almost the {} redirect URI {} ({}); IdPs compare exactly, so "
                             "sign-in still fails",
                             where_env(r.expected.environment), r.near->value, r.expected.purpose, r.expected.uri,
                             join(r.diffs, ", ")),
                 {.environment = r.expected.environment,
                  .client = &c,
                  .fix = fmt::format("Register {} exactly (replace {} on the {} at the IdP).", r.expected.uri,
                                     r.near->value, c.label),
                  .key = r.expected.uri,
                  .redirect_uri = r.expected.uri});
    }
  }
}
}  // namespace
extern const Rule OD2002{"OD2002",
                         "redirect-uri-near-miss",
                         Severity::Error,
                         "redirect-uri-mismatch",
                         "A registered redirect URI differs from the needed one only by scheme, slash, case or port",
                         "Register the URI exactly as the platform sends it.",
                         check};
}  // namespace od::rules
