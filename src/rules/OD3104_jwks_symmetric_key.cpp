// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A symmetric key in a public key set.
void check(const ProbeContext& pc, Sink& out) {
  for_each_key_set(pc, [&](const Target& t, const nlohmann::json& set) {
    for_each_key(set, [&](const Jwk& k) {
      if (k.kty == "oct")
        report_key_set(t, k.name + " is a symmetric (oct) key: its value is the secret itself, published to anyone",
                       "oct|" + k.kid, out);
    });
  });
}

}  // namespace
extern const Rule OD3104{
    "OD3104",
    "jwks-symmetric-key",
    Severity::Error,
    "secret-exposed",
    "The JWKS publishes a symmetric (shared-secret) key",
    "Remove the symmetric key from the published set and rotate it; only public keys belong in a JWKS.",
    check};
}  // namespace od::rules
