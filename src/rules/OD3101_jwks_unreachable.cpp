// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3101{"OD3101", "jwks-unreachable", Severity::Error, "metadata-unreachable",
                         "The JWKS (signing keys) cannot be fetched",
                         "Make jwks_uri reachable from every environment; without keys no token can be validated.", Phase::Probe};
}  // namespace od::rules
