// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3006{"OD3006", "metadata-field-missing", Severity::Error, "metadata-invalid",
                         "A required discovery field is missing or not a valid URL",
                         "Fix the IdP's discovery document or use the IdP's own metadata URL; clients cannot sign in without these fields.", Phase::Probe};
}  // namespace od::rules
