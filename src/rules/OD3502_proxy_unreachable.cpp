// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3502{"OD3502", "proxy-unreachable", Severity::Error, "proxy-inconsistent",
                         "An environment's proxy cannot be reached or refuses the connection",
                         "Fix the proxy address in the config and on the server, or make the proxy reachable.", Phase::Probe};
}  // namespace od::rules
