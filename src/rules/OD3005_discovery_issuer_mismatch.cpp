// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3005{"OD3005", "discovery-issuer-mismatch", Severity::Error, "issuer-mismatch",
                         "The issuer in the discovery document differs from the metadata URL's issuer",
                         "Use the metadata URL built from the exact issuer the IdP advertises (scheme, host, path, trailing slash).", Phase::Probe};
}  // namespace od::rules
