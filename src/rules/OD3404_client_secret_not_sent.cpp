// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3404{"OD3404", "client-secret-not-sent", Severity::Warning, "secret-exposed",
                         "The token endpoint is not on the issuer's origin, so the secret was not sent",
                         "If that host really belongs to the IdP, list it in secret_allowed_hosts; otherwise fix the discovery document.", Phase::Probe};
}  // namespace od::rules
