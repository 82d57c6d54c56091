#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  if (tok::number(tc.token.jwt.claims, "exp")) return;
  if (auto it = tc.token.jwt.claims.find("exp"); it != tc.token.jwt.claims.end() && it->is_number()) {
    out.report({}, "the token's `exp` claim is not a valid NumericDate (it names no instant within years 1-9999)");
    return;
  }
  out.report({}, "the token has no numeric `exp` claim");
}
}  // namespace
extern const Rule OD4203{"OD4203",
                         "expiry-missing",
                         Severity::Warning,
                         "token-lifetime",
                         "The token has no numeric expiry (`exp`) claim",
                         "Tokens without an expiry are refused by most validators; check the IdP's token settings.",
                         check};
}  // namespace od::rules
