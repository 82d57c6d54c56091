// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3301{"OD3301", "redirect-uri-rejected", Severity::Error, "redirect-uri-mismatch",
                         "The IdP refuses a redirect URI the platform sends",
                         "Register the exact redirect URI on the client at the IdP.", Phase::Probe};
}  // namespace od::rules
