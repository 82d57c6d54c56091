// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3001{"OD3001", "metadata-unreachable", Severity::Error, "metadata-unreachable",
                         "The discovery document cannot be fetched from an environment",
                         "Make the metadata URL reachable from every environment (DNS, firewall, proxy), then run preflight again.", Phase::Probe};
}  // namespace od::rules
