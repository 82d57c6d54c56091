#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  if (!tok::is_graph_token(tc.token)) return;
  out.report({},
             fmt::format("this is an Entra access token for Microsoft Graph{}: Graph tokens are signed in a form only "
                         "Graph checks (the header's nonce is hashed before signing), so no other party can validate "
                         "it, and a platform that tries reports a signature mismatch",
                         tok::graph_header_nonce(tc.token) ? " with a `nonce` in its header" : ""),
             {.see_also = {"posit-connect:azure-jwt-signature"}});
}
}  // namespace
extern const Rule OD4001{
    "OD4001",
    "graph-access-token",
    Severity::Error,
    "scope-invalid",
    "A Microsoft Graph access token, which only Graph can validate",
    "Have the platform request scopes for its own API (api://<app id>/<scope>) or validate the ID "
    "token; sign-in needs openid profile email offline_access, not Graph scopes such as User.Read.",
    check};
}  // namespace od::rules
