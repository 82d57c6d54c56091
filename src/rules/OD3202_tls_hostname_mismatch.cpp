// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3202{"OD3202", "tls-hostname-mismatch", Severity::Error, "tls-trust",
                         "The IdP's certificate does not name the host in the URL",
                         "Use a certificate whose subjectAltName lists the host, or use the host name the certificate was issued for.", Phase::Probe};
}  // namespace od::rules
