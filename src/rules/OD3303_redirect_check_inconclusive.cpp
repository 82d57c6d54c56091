// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3303{"OD3303", "redirect-check-inconclusive", Severity::Info, "redirect-uri-mismatch",
                         "The IdP's answer to the redirect URI check could not be read",
                         "Try the sign-in once by hand for this redirect URI, or share a --record of the run with support.", Phase::Probe};
}  // namespace od::rules
