#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  auto exp = tok::number(t.jwt.claims, "exp");
  if (!exp || t.now <= *exp || t.now > *exp + t.skew) return;
  out.report({}, fmt::format("the token expired {} ago, inside the {} s skew allowance", token::duration(t.now - *exp),
                             t.skew));
}
}  // namespace
extern const Rule OD4302{"OD4302",
                         "token-expired-within-skew",
                         Severity::Info,
                         "token-lifetime",
                         "The token has expired but is still inside the clock skew allowance",
                         "It will be refused as soon as the allowance runs out; get a fresh token.",
                         check};
}  // namespace od::rules
