// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3403{"OD3403", "client-secret-check-inconclusive", Severity::Info, "client-secret-invalid",
                         "The client secret could not be checked",
                         "Check the secret by hand once (one sign-in), or share a --record of the run with support.", Phase::Probe};
}  // namespace od::rules
