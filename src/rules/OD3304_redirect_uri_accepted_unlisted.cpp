// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3304{"OD3304", "redirect-uri-accepted-unlisted", Severity::Info, "config-invalid",
                         "The IdP accepts a redirect URI the config does not list",
                         "Add the URI to the client's redirect_uris so offline lint sees what the IdP has.", Phase::Probe};
}  // namespace od::rules
