// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3008{"OD3008", "pkce-s256-missing", Severity::Error, "pkce",
                         "The IdP advertises PKCE methods without S256",
                         "Enable PKCE with the S256 method at the IdP; desktop tools and public clients require it.", Phase::Probe};
}  // namespace od::rules
