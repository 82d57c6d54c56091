// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Two keys of one type share a kid.
void check(const ProbeContext& pc, Sink& out) {
  for_each_key_set(pc, [&](const Target& t, const nlohmann::json& set) {
    std::map<std::string, int> kids;
    for_each_key(set, [&](const Jwk& k) {
      if (k.kty == "oct" || !k.known_type() || k.kid.empty()) return;
      if (++kids[k.kty + "|" + k.kid] == 2)
        report_key_set(t,
                       "more than one " + k.kty + " key uses kid `" + k.kid +
                           "`; clients may pick the wrong one and reject valid tokens",
                       "kid|" + k.kid, out);
    });
  });
}

}  // namespace
extern const Rule OD3105{"OD3105",
                         "jwks-duplicate-kid",
                         Severity::Warning,
                         "token-signature-invalid",
                         "Two keys in the JWKS share a kid",
                         "Give every published key its own kid so clients pick the right key.",
                         check};
}  // namespace od::rules
