#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  const LStr* claim = tok::username_claim(tc);
  if (!claim) return;
  auto it = tc.token.jwt.claims.find(claim->value);
  if (it == tc.token.jwt.claims.end() || it->is_string()) return;
  out.report({}, fmt::format("the username claim `{}` is not a string", claim->value));
}
}  // namespace
extern const Rule OD4603{"OD4603",
                         "username-claim-not-text",
                         Severity::Warning,
                         "username-claim-mismatch",
                         "The token's username claim is not a single string",
                         "Choose a claim whose value is one string.",
                         check};
}  // namespace od::rules
