// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3011{"OD3011", "scope-unsupported", Severity::Warning, "scope-invalid",
                         "The IdP does not list a scope the platform requests",
                         "Enable the scope at the IdP (openid, and offline_access where refresh tokens are needed).", Phase::Probe};
}  // namespace od::rules
