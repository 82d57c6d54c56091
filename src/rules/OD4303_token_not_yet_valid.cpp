#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  auto nbf = tok::number(t.jwt.claims, "nbf");
  if (!nbf || *nbf <= t.now + t.skew) return;
  out.report({}, fmt::format("the token is not valid before {} ({}): the IdP's clock is ahead of this one by more than "
                             "the {} s allowance",
                             token::utc(*nbf), token::relative(*nbf, t.now), t.skew));
}
}  // namespace
extern const Rule OD4303{"OD4303",
                         "token-not-yet-valid",
                         Severity::Error,
                         "token-lifetime",
                         "The token's not-before time (`nbf`) lies beyond the clock skew allowance",
                         "Synchronise the clocks (NTP) of the IdP and the servers validating tokens.",
                         check};
}  // namespace od::rules
