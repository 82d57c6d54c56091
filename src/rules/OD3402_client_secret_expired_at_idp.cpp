// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3402{"OD3402", "client-secret-expired-at-idp", Severity::Error, "client-secret-expired",
                         "The IdP says the client secret has expired",
                         "Create a new secret at the IdP and update it everywhere it is used; record its expiry in secret_expires.", Phase::Probe};
}  // namespace od::rules
