// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3302{"OD3302", "client-id-unknown", Severity::Error, "client-not-found",
                         "The IdP does not know the client id",
                         "Copy the client (application) id from the IdP's app registration into the config and the platform.", Phase::Probe};
}  // namespace od::rules
