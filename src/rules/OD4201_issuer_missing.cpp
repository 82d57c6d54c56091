#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  if (!tok::issuer(tc.token).empty()) return;
  out.report({}, "the token has no `iss` claim; OpenID validators refuse it");
}
}  // namespace
extern const Rule OD4201{"OD4201",
                         "issuer-missing",
                         Severity::Warning,
                         "issuer-mismatch",
                         "The token has no issuer (`iss`) claim",
                         "Check that this is an ID or access token from the IdP, not an opaque or custom token.",
                         check};
}  // namespace od::rules
