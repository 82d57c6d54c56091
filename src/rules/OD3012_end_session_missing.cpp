// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3012{"OD3012", "end-session-missing", Severity::Info, "metadata-invalid",
                         "The IdP publishes no end_session_endpoint, so sign-out cannot end the IdP session",
                         "Expect sign-out to end only the platform session, or enable RP-initiated logout at the IdP.", Phase::Probe};
}  // namespace od::rules
