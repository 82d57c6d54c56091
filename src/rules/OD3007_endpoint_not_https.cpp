// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Plain http endpoints outside loopback.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    std::vector<std::string> insecure;
    for (const char* k : kEndpointFields)
      if (const std::string* v = json_string_ptr(doc, k); v && probes::insecure_http(*v))
        insecure.push_back(std::string(k) + " " + *v);
    if (insecure.empty()) return;
    out.report(t.url->pos,
               "the discovery document advertises plain-http endpoints: " + join(insecure, ", ") +
                   "; codes, tokens and secrets would cross the network unencrypted, so preflight does not "
                   "contact them",
               {.client = owner(t), .key = "insecure"});
  });
}

}  // namespace
extern const Rule OD3007{"OD3007",
                         "endpoint-not-https",
                         Severity::Error,
                         "metadata-invalid",
                         "The discovery document advertises a plain-http endpoint on a non-loopback host",
                         "Publish every endpoint over https (fix the IdP's public URL / reverse proxy settings).",
                         check};
}  // namespace od::rules
