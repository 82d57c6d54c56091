#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  if (!tok::is_entra_guest(t)) return;
  // Graver when the config reads the username from `upn`, which a guest's token lacks.
  const LStr* claim = tok::username_claim(tc);
  bool upn_is_username = claim && claim->value == "upn";
  if (claim && !upn_is_username && !t.jwt.claims.contains(claim->value)) return;  // OD4602 says it
  std::string idp = tok::text(t.jwt.claims, "idp");
  out.report({},
             fmt::format("this user is a guest (idp {}) and Entra sends no `upn` for guests{}", idp.empty() ? "?" : idp,
                         upn_is_username ? ", which the config uses as the username claim: the platform finds no "
                                           "username"
                                         : ""),
             {.severity = upn_is_username ? Severity::Error : Severity::Info});
}
}  // namespace
extern const Rule OD4601{"OD4601",
                         "guest-without-upn",
                         Severity::Error,
                         "username-claim-mismatch",
                         "An Entra guest account, whose tokens carry no upn",
                         "Use a claim guests have too (preferred_username, or email with the optional claim "
                         "configured).",
                         check};
}  // namespace od::rules
