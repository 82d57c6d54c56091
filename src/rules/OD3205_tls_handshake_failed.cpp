// Probe rule: findings come from `preflight` (src/probes/), so there is no offline check.
#include "rules/rule.h"

namespace od::rules {
extern const Rule OD3205{"OD3205", "tls-handshake-failed", Severity::Error, "tls-trust",
                         "The TLS handshake with the IdP failed",
                         "Check that the URL's port speaks TLS and that the server and the environment share a TLS version and cipher.", Phase::Probe};
}  // namespace od::rules
