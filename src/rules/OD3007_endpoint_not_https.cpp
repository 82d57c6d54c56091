// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3007{"OD3007", "endpoint-not-https", Severity::Error, "metadata-invalid",
                         "The discovery document advertises a plain-http endpoint on a non-loopback host",
                         "Publish every endpoint over https (fix the IdP's public URL / reverse proxy settings).", Phase::Probe};
}  // namespace od::rules
