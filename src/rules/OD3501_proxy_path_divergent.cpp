// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: the fetch failed on this environment's route while another environment,
// on a different route, read the document.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery) {
      if (!d.response || !reachability_failure(*d.response)) continue;
      const probes::DiscoveryFetch* good = fetched_elsewhere(t, d);
      if (!good) continue;
      out.report(
          pc.ctx.config.environments[d.env].pos,
          fmt::format("environment `{}` cannot fetch {} ({}): {}; environment `{}` fetches it ({})", d.environment,
                      t.url->value, d.route.label, reason(*d.response), good->environment, good->route.label),
          {.environment = d.environment, .key = t.url->value});
    }
}

}  // namespace
extern const Rule OD3501{
    "OD3501",
    "proxy-path-divergent",
    Severity::Error,
    "proxy-inconsistent",
    "An environment cannot reach the IdP by its own network path while another can",
    "Give this environment the network path that works (the same proxy settings), then run preflight again.",
    check};
}  // namespace od::rules
