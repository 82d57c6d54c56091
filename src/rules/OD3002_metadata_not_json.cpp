// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3002{"OD3002", "metadata-not-json", Severity::Error, "metadata-invalid",
                         "The discovery document is not a JSON object",
                         "Point metadata_url at the IdP's /.well-known/openid-configuration document itself, not at a login or error page.", Phase::Probe};
}  // namespace od::rules
