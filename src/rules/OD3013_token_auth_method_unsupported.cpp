// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3013{"OD3013", "token-auth-method-unsupported", Severity::Error, "client-auth-method",
                         "The token endpoint accepts neither client_secret_basic nor client_secret_post",
                         "Allow client secret authentication at the token endpoint for the confidential client.", Phase::Probe};
}  // namespace od::rules
