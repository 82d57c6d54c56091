// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A published key carries private members.
void check(const ProbeContext& pc, Sink& out) {
  for_each_key_set(pc, [&](const Target& t, const nlohmann::json& set) {
    for_each_key(set, [&](const Jwk& k) {
      if (k.kty == "oct") return;  // OD3104: the whole key is the secret
      std::vector<std::string> priv;
      for (const char* m : {"d", "p", "q", "dp", "dq", "qi", "oth"})
        if (k.json.contains(m)) priv.push_back(m);
      if (!priv.empty())
        report_key_set(t,
                       k.name + " carries private key members (" + join(priv, ", ") +
                           "): anyone can sign tokens the platform will trust",
                       "private|" + k.kid, out);
    });
  });
}

}  // namespace
extern const Rule OD3103{"OD3103",
                         "jwks-private-key",
                         Severity::Error,
                         "secret-exposed",
                         "The JWKS publishes private key material",
                         "Remove the private members from the published keys at once and rotate the exposed keys.",
                         check};
}  // namespace od::rules
