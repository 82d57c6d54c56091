// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3004{"OD3004", "metadata-too-large", Severity::Error, "metadata-invalid",
                         "The discovery document is larger than any client should accept",
                         "Check that metadata_url returns the discovery document and nothing appended to it.", Phase::Probe};
}  // namespace od::rules
