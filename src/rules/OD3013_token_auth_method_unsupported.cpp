// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A client authenticates with a secret, but the document lists neither way of sending one. A list is
// what the IdP chose to advertise, and lists understate (oauth2-mock-server lists only "none" and
// takes any secret by HTTP Basic): without a refusal this is no proof that sign-in fails. The
// secret is then not sent, so the finding says it is unchecked: a warning, not an error.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    if (!has_confidential_secret(pc, t)) return;
    auto methods = json_string_list(doc, "token_endpoint_auth_methods_supported");
    if (!methods || contains(*methods, "client_secret_basic") || contains(*methods, "client_secret_post")) return;
    out.report(t.url->pos,
               "token_endpoint_auth_methods_supported is [" + join(*methods, ", ") +
                   "]: neither client_secret_basic nor client_secret_post is advertised, so the client secret was "
                   "not sent and is unchecked; make sure the IdP accepts it by one of them",
               {.client = owner(t), .key = "auth-methods"});
  });
}

}  // namespace
extern const Rule OD3013{"OD3013",
                         "token-auth-method-unsupported",
                         Severity::Warning,
                         "client-auth-method",
                         "The discovery document advertises neither client_secret_basic nor client_secret_post",
                         "Allow client secret authentication at the token endpoint for the confidential client.",
                         check};
}  // namespace od::rules
