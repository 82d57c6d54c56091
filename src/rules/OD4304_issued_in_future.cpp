#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  auto iat = tok::number(t.jwt.claims, "iat");
  if (!iat || *iat <= t.now + t.skew) return;
  out.report({}, fmt::format("the token was issued at {} ({}), in the future by this clock", token::utc(*iat),
                             token::relative(*iat, t.now)));
}
}  // namespace
extern const Rule OD4304{"OD4304",
                         "issued-in-future",
                         Severity::Warning,
                         "token-lifetime",
                         "The token's issue time (`iat`) is in the future beyond the clock skew allowance",
                         "Synchronise the clocks (NTP); strict validators refuse tokens issued in the future.",
                         check};
}  // namespace od::rules
