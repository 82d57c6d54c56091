// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A client authenticates with a secret, but the IdP offers neither way of sending one.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    if (!has_confidential_secret(pc, t)) return;
    auto methods = json_string_list(doc, "token_endpoint_auth_methods_supported");
    if (!methods || contains(*methods, "client_secret_basic") || contains(*methods, "client_secret_post")) return;
    out.report(t.url->pos,
               "token_endpoint_auth_methods_supported is [" + join(*methods, ", ") +
                   "]: a client secret can be sent neither by HTTP Basic nor in the form body",
               {.client = owner(t), .key = "auth-methods"});
  });
}

}  // namespace
extern const Rule OD3013{"OD3013",
                         "token-auth-method-unsupported",
                         Severity::Error,
                         "client-auth-method",
                         "The token endpoint accepts neither client_secret_basic nor client_secret_post",
                         "Allow client secret authentication at the token endpoint for the confidential client.",
                         check};
}  // namespace od::rules
