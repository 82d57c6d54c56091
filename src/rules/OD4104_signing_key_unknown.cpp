#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& v = tc.token.verification;
  if (!v || v->status != token::Verification::Status::NoKey) return;
  out.report({}, v->detail +
                     ": the IdP rotated its keys since this key set was saved, or the token comes from another "
                     "issuer or tenant");
}
}  // namespace
extern const Rule OD4104{"OD4104",
                         "signing-key-unknown",
                         Severity::Error,
                         "token-signature-invalid",
                         "The key set has no key for the token's kid",
                         "Fetch the current jwks_uri of the issuer named in `iss` and compare kids.",
                         check};
}  // namespace od::rules
