// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3102{"OD3102", "jwks-invalid", Severity::Error, "token-signature-invalid",
                         "The JWKS is not a usable key set",
                         "Have the IdP publish a JSON Web Key Set with its public signing keys at jwks_uri.", Phase::Probe};
}  // namespace od::rules
