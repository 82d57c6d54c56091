#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.template_name != "github" || !c.app_type || c.app_type->value != "oauth-app") continue;
    out.report(c.app_type->pos, fmt::format("{} uses a GitHub OAuth app, which never returns refresh tokens", c.label),
               {.client = &c,
                .fix = "Register a GitHub App (with user-to-server token expiry) and use its client id and secret."});
  }
}
}  // namespace
extern const Rule OD2503{"OD2503",
                         "github-oauth-app-no-refresh",
                         Severity::Error,
                         "refresh-token-missing",
                         "A GitHub OAuth app where a GitHub App is needed for refresh tokens",
                         "Use a GitHub App.",
                         check};
}  // namespace od::rules
