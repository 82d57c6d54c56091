// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3204{"OD3204", "tls-expiring-soon", Severity::Warning, "tls-trust",
                         "The IdP's certificate expires within 30 days",
                         "Renew the IdP's TLS certificate before it expires.", Phase::Probe};
}  // namespace od::rules
