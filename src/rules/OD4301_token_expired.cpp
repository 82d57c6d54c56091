#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  auto exp = tok::number(t.jwt.claims, "exp");
  if (!exp || t.now <= *exp + t.skew) return;
  out.report({}, fmt::format("the token expired at {} ({}), beyond the {} s clock skew allowance", token::utc(*exp),
                             token::relative(*exp, t.now), t.skew));
}
}  // namespace
extern const Rule OD4301{"OD4301",
                         "token-expired",
                         Severity::Error,
                         "token-lifetime",
                         "The token expired longer ago than the clock skew allowance",
                         "Get a fresh token (sign in again or use the refresh token); if it expired early, compare the "
                         "clocks of the servers involved.",
                         check};
}  // namespace od::rules
