#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& v = tc.token.verification;
  if (!v || v->status != token::Verification::Status::Invalid) return;
  if (tok::is_graph_token(tc.token)) return;  // OD4001 explains why it cannot verify
  out.report({}, v->detail + "; the token was altered, or it was signed by another issuer's key");
}
}  // namespace
extern const Rule OD4105{"OD4105",
                         "signature-invalid",
                         Severity::Error,
                         "token-signature-invalid",
                         "The token's signature does not verify with the given key set",
                         "Verify against the jwks_uri of the issuer in `iss`; if that fails too, the token was changed "
                         "on the way.",
                         check};
}  // namespace od::rules
