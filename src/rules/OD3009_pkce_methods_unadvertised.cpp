// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3009{"OD3009", "pkce-methods-unadvertised", Severity::Warning, "pkce",
                         "The IdP does not advertise which PKCE methods it supports",
                         "Check that the IdP supports PKCE with S256 for the desktop client; advertise code_challenge_methods_supported if you can.", Phase::Probe};
}  // namespace od::rules
