// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3104{"OD3104", "jwks-symmetric-key", Severity::Error, "secret-exposed",
                         "The JWKS publishes a symmetric (shared-secret) key",
                         "Remove the symmetric key from the published set and rotate it; only public keys belong in a JWKS.", Phase::Probe};
}  // namespace od::rules
