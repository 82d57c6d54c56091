// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3105{"OD3105", "jwks-duplicate-kid", Severity::Warning, "token-signature-invalid",
                         "Two keys in the JWKS share a kid",
                         "Give every published key its own kid so clients pick the right key.", Phase::Probe};
}  // namespace od::rules
