#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& v = tc.token.verification;
  if (!v || v->status != token::Verification::Status::Unsigned) return;
  out.report({}, v->detail + "; no validator may accept it");
}
}  // namespace
extern const Rule OD4102{"OD4102",
                         "token-unsigned",
                         Severity::Error,
                         "token-signature-invalid",
                         "The token is unsigned (alg none)",
                         "Configure the IdP (or the client) to sign tokens with RS256 or ES256.",
                         check};
}  // namespace od::rules
