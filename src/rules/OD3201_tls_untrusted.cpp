// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3201{"OD3201", "tls-untrusted", Severity::Error, "tls-trust",
                         "The IdP's certificate chain is not trusted",
                         "Install the issuing CA in the servers' trust store (or pass --ca-file to check with it), or use a publicly trusted certificate.", Phase::Probe};
}  // namespace od::rules
