#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  const LStr* claim = tok::username_claim(tc);
  if (!claim || t.jwt.claims.contains(claim->value)) return;
  if (claim->value == "upn" && tok::is_entra_guest(t)) return;  // OD4601 explains why
  out.report(
      {},
      fmt::format("the token has no `{}` claim, which the config names as the username claim{}", claim->value,
                  tok::is_access_token(t) ? " (this looks like an access token; the platform reads the ID token)"
                                          : ": the platform finds no username and refuses the sign-in"),
      {.fix = fmt::format("Have the IdP issue `{}` (claim mapping / optional claims), or choose a claim it sends.",
                          claim->value)});
}
}  // namespace
extern const Rule OD4602{"OD4602",
                         "token-lacks-username-claim",
                         Severity::Error,
                         "username-claim-mismatch",
                         "The token does not carry the configured username claim",
                         "Have the IdP issue the username claim (claim mapping / optional claims), or choose a claim "
                         "it sends.",
                         check};
}  // namespace od::rules
