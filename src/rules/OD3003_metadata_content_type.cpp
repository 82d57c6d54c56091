// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3003{"OD3003", "metadata-content-type", Severity::Warning, "metadata-invalid",
                         "The discovery document is served without a JSON content type",
                         "Have the IdP (or the proxy in front of it) serve the document as application/json.", Phase::Probe};
}  // namespace od::rules
