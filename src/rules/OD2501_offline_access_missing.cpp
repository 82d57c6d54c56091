#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  std::set<std::pair<int, int>> seen;  // OutSystems clients share the provider's scopes
  for (auto& c : ctx.config.clients) {
    if (!ctx.platform.needs_refresh_token(c)) continue;
    auto scope = providers::refresh_scope(c.provider_kind);
    if (!scope) continue;
    std::string_view want = *scope;
    if (c.scopes && c.scopes->contains(want)) continue;
    Pos at = c.scopes ? c.scopes->key : c.scopes_owner;
    if (!seen.insert({at.line, at.column}).second) continue;
    std::string extra;
    if (want == "refresh_token" && c.scopes && c.scopes->contains("offline_access"))
      extra = " (Snowflake ignores `offline_access`; it names this scope `refresh_token`)";
    out.report(at,
               fmt::format("{} needs refresh tokens but its scopes lack `{}`{}; the IdP issues none and sessions "
                           "end when the access token expires",
                           c.role == Client::Role::Integration ? c.label : "the platform", want, extra),
               {.client = &c, .fix = fmt::format("Add `{}` to the requested scopes.", want), .key = std::string(want)});
  }
}
}  // namespace
extern const Rule OD2501{"OD2501",
                         "offline-access-missing",
                         Severity::Error,
                         "refresh-token-missing",
                         "Refresh tokens are needed but the scope that asks for them is not requested",
                         "Request offline_access (Snowflake: refresh_token).",
                         check};
}  // namespace od::rules
