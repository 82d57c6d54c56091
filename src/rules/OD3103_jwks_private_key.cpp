// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3103{"OD3103", "jwks-private-key", Severity::Error, "secret-exposed",
                         "The JWKS publishes private key material",
                         "Remove the private members from the published keys at once and rotate the exposed keys.", Phase::Probe};
}  // namespace od::rules
