// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3601{"OD3601", "plain-http-not-probed", Severity::Error, "metadata-invalid",
                         "A probe would use plain http to a non-loopback host, so it was not sent",
                         "Use https for the IdP; plain http is only acceptable for a local test IdP on a loopback address.", Phase::Probe};
}  // namespace od::rules
