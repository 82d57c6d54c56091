// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The token endpoint rejected the secret as invalid (unless the IdP does not know the client).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& tp : t.tokens) {
      if (!tp.verdict || tp.verdict->verdict != probes::SecretVerdict::Invalid) continue;
      if (unknown_at_authorize(t, tp.client)) continue;  // OD3302 says it
      const Client& c = *tp.client;
      const std::string said = redact(tp.verdict->detail);
      out.report(secret_pos(c),
                 fmt::format("the IdP rejects the secret of the {} (`{}`) as invalid: {}{}", c.label, client_id_of(c),
                             said, probes::rejected_secret_hint(*tp.verdict)),
                 {.client = &c});
    }
}

}  // namespace
extern const Rule OD3401{
    "OD3401",
    "client-secret-rejected",
    Severity::Error,
    "client-secret-invalid",
    "The IdP rejects the client secret",
    "Create a new secret at the IdP, store its value (not its id) where the config points, and update the platform.",
    check};
}  // namespace od::rules
