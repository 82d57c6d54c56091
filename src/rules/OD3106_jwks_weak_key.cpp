// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3106{"OD3106", "jwks-weak-key", Severity::Warning, "token-signature-invalid",
                         "A JWKS key uses an unknown type or algorithm, or an RSA modulus under 2048 bits",
                         "Publish RSA keys of 2048 bits or more, or EC/OKP keys, with standard JWS algorithms.", Phase::Probe};
}  // namespace od::rules
