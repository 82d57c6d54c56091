// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: the answer went over the size cap.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery)
      if (d.response && d.response->failure == Failure::TooLarge)
        out.report(t.url->pos,
                   fmt::format("environment `{}`: {} sends more than {} KiB; a discovery document is a few KiB",
                               d.environment, t.url->value, probes::kMaxDocument / 1024),
                   {.environment = d.environment, .client = owner(t)});
}

}  // namespace
extern const Rule OD3004{"OD3004",
                         "metadata-too-large",
                         Severity::Error,
                         "metadata-invalid",
                         "The discovery document is larger than any client should accept",
                         "Check that metadata_url returns the discovery document and nothing appended to it.",
                         check};
}  // namespace od::rules
