// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3501{"OD3501", "proxy-path-divergent", Severity::Error, "proxy-inconsistent",
                         "An environment cannot reach the IdP by its own network path while another can",
                         "Give this environment the network path that works (the same proxy settings), then run preflight again.", Phase::Probe};
}  // namespace od::rules
