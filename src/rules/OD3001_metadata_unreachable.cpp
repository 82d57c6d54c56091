// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: the discovery document did not come back, and no environment on another
// route fetched it either (that is OD3501's case).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery) {
      if (!d.response || !reachability_failure(*d.response) || fetched_elsewhere(t, d)) continue;
      out.report(t.url->pos,
                 fmt::format("environment `{}` cannot fetch the discovery document {} ({}): {}", d.environment,
                             t.url->value, d.route.label, reason(*d.response)),
                 {.environment = d.environment, .client = owner(t), .key = t.url->value});
    }
}

}  // namespace
extern const Rule OD3001{
    "OD3001",
    "metadata-unreachable",
    Severity::Error,
    "metadata-unreachable",
    "The discovery document cannot be fetched from an environment",
    "Make the metadata URL reachable from every environment (DNS, firewall, proxy), then run preflight again.",
    check};
}  // namespace od::rules
