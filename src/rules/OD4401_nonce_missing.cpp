#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  if (!t.nonce || tok::is_access_token(t) || t.jwt.claims.contains("nonce")) return;
  out.report({}, "the ID token carries no `nonce`, but one was sent (--nonce): the platform refuses it");
}
}  // namespace
extern const Rule OD4401{
    "OD4401",
    "nonce-missing",
    Severity::Error,
    "nonce-invalid",
    "The ID token carries no nonce although the sign-in sent one",
    "Check that the sign-in request sends the nonce and that this is the ID token of that sign-in.",
    check};
}  // namespace od::rules
