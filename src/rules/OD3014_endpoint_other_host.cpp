// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3014{"OD3014", "endpoint-other-host", Severity::Info, "metadata-invalid",
                         "Some endpoints live on another host than the issuer",
                         "Nothing to fix if this is how the IdP works; make sure every environment can reach those hosts too.", Phase::Probe};
}  // namespace od::rules
