// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The secret was kept back: the document names a token endpoint away from the issuer's origin.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& tp : t.tokens) {
      if (tp.state != probes::TokenProbe::State::NotSent) continue;
      const Client& c = *tp.client;
      out.report(
          secret_pos(c),
          fmt::format("the secret of the {} was not sent: the token endpoint {} is not on the issuer's origin {}",
                      c.label, tp.endpoint, probes::origin_of(t.url->value)),
          {.client = &c,
           .fix = "If " + probes::host_port(tp.endpoint) +
                  " belongs to the IdP, add its host to secret_allowed_hosts; otherwise the discovery document "
                  "is not the IdP's.",
           .key = tp.endpoint,
           .predictions = false});
    }
}

}  // namespace
extern const Rule OD3404{
    "OD3404",
    "client-secret-not-sent",
    Severity::Warning,
    "secret-exposed",
    "The token endpoint is not on the issuer's origin, so the secret was not sent",
    "If that host really belongs to the IdP, list it in secret_allowed_hosts; otherwise fix the discovery document.",
    check};
}  // namespace od::rules
