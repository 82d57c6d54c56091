#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  const LStr* claim = tok::username_claim(tc);
  if (!claim) return;
  auto it = tc.token.jwt.claims.find(claim->value);
  if (it == tc.token.jwt.claims.end() || !it->is_string()) return;
  std::string value = it->get<std::string>();
  auto form = username_form(value);
  bool same_form = false;
  for (auto& u : tc.ctx->config.users) {
    if (iequals(u.username.value, value)) return;
    same_form |= username_form(u.username.value) == form;
  }
  if (!same_form) return;  // no users, or OD4604
  out.report({}, fmt::format("`{}` is `{}`, which is none of the config's users", claim->value, value));
}
}  // namespace
extern const Rule OD4605{"OD4605",
                         "username-not-listed",
                         Severity::Warning,
                         "username-claim-mismatch",
                         "The token's username is none of the configured users",
                         "Check that the user exists on the platform with exactly this username.",
                         check};
}  // namespace od::rules
