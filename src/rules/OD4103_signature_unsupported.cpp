#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& v = tc.token.verification;
  if (!v || v->status != token::Verification::Status::Unsupported) return;
  out.report({}, v->detail);
}
}  // namespace
extern const Rule OD4103{"OD4103",
                         "signature-unsupported",
                         Severity::Warning,
                         "token-signature-invalid",
                         "The token is signed with an algorithm a public key set cannot check (HS256 ...)",
                         "Check the token with the shared secret it was signed with, or switch the client to RS256.",
                         check};
}  // namespace od::rules
