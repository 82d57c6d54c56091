// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The token endpoint rejected the secret as expired (unless the IdP does not know the client).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& tp : t.tokens) {
      if (!tp.verdict || tp.verdict->verdict != probes::SecretVerdict::Expired) continue;
      if (unknown_at_authorize(t, tp.client)) continue;  // OD3302 says it
      const Client& c = *tp.client;
      out.report(secret_pos(c),
                 fmt::format("the IdP rejects the secret of the {} (`{}`) as expired: {}", c.label, client_id_of(c),
                             redact(tp.verdict->detail)),
                 {.client = &c});
    }
}

}  // namespace
extern const Rule OD3402{
    "OD3402",
    "client-secret-expired-at-idp",
    Severity::Error,
    "client-secret-expired",
    "The IdP says the client secret has expired",
    "Create a new secret at the IdP and update it everywhere it is used; record its expiry in secret_expires.",
    check};
}  // namespace od::rules
