// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The key set is too large, not a key set, has keys without a type, or no public signing key.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    if (!t.insecure && t.document() && t.jwks.response && t.jwks.response->failure == Failure::TooLarge)
      out.report(
          t.url->pos,
          fmt::format("{} sends more than {} KiB; a key set is a few KiB", t.jwks.url, probes::kMaxDocument / 1024),
          {.client = owner(t), .key = "size"});
  for_each_key_set(pc, [&](const Target& t, const nlohmann::json& set) {
    if (!set.is_object() || !set.contains("keys") || !set["keys"].is_array())
      return report_key_set(t, "jwks_uri does not return a JSON Web Key Set (an object with a \"keys\" list)", "shape",
                            out);
    size_t index = 0;
    for (auto& k : set["keys"])
      if (++index; !k.is_object() || !k.contains("kty") || !k["kty"].is_string())
        report_key_set(t, fmt::format("key #{} of the JWKS has no kty", index), "kty", out);
    int signing = 0;
    for_each_key(set, [&](const Jwk& k) { signing += k.kty != "oct" && k.known_type() && k.use != "enc"; });
    if (signing == 0)
      report_key_set(t, "the JWKS holds no public signing key, so no token signature can be verified", "no-signing",
                     out);
  });
}

}  // namespace
extern const Rule OD3102{"OD3102",
                         "jwks-invalid",
                         Severity::Error,
                         "token-signature-invalid",
                         "The JWKS is not a usable key set",
                         "Have the IdP publish a JSON Web Key Set with its public signing keys at jwks_uri.",
                         check};
}  // namespace od::rules
