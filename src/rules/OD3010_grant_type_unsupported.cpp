// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3010{"OD3010", "grant-type-unsupported", Severity::Error, "grant-type-not-allowed",
                         "The IdP does not offer a grant type the platform needs",
                         "Enable the authorization_code and, where refresh tokens are needed, refresh_token grants at the IdP.", Phase::Probe};
}  // namespace od::rules
