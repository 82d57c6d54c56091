#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  if (tc.token.verification) return;
  out.report({}, "the signature was not checked: give --jwks with the IdP's jwks_uri (URL or saved file)");
}
}  // namespace
extern const Rule OD4101{"OD4101",
                         "signature-not-checked",
                         Severity::Info,
                         "token-signature-invalid",
                         "No key set was given, so the token's signature was not verified",
                         "Run again with --jwks https://<idp>/.../keys (the jwks_uri of the discovery document).",
                         check};
}  // namespace od::rules
