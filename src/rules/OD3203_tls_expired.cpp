// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3203{"OD3203", "tls-expired", Severity::Error, "tls-trust",
                         "The IdP's certificate has expired or is not yet valid",
                         "Renew the IdP's TLS certificate.", Phase::Probe};
}  // namespace od::rules
