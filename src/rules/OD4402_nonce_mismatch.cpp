#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  if (!t.nonce || tok::is_access_token(t)) return;
  auto it = t.jwt.claims.find("nonce");
  if (it == t.jwt.claims.end() || (it->is_string() && it->get<std::string>() == *t.nonce)) return;
  out.report({},
             "the token's `nonce` differs from the one given with --nonce: it belongs to another sign-in (or a "
             "replay)");
}
}  // namespace
extern const Rule OD4402{"OD4402",
                         "nonce-mismatch",
                         Severity::Error,
                         "nonce-invalid",
                         "The ID token's nonce differs from the one the sign-in sent",
                         "Keep the nonce with the state of the same sign-in (shared session store across instances).",
                         check};
}  // namespace od::rules
