// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3401{"OD3401", "client-secret-rejected", Severity::Error, "client-secret-invalid",
                         "The IdP rejects the client secret",
                         "Create a new secret at the IdP, store its value (not its id) where the config points, and update the platform.", Phase::Probe};
}  // namespace od::rules
