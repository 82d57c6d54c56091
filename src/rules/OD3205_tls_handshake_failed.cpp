// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The handshake failed with no certificate problem to name.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& f : tls_failures(t))
      if (tls_kind(*f.response) == TlsKind::HandshakeFailed)
        report_tls(pc.ctx.config, t, f, f.response->error, false, out);
}

}  // namespace
extern const Rule OD3205{
    "OD3205",
    "tls-handshake-failed",
    Severity::Error,
    "tls-trust",
    "The TLS handshake with the IdP failed",
    "Check that the URL's port speaks TLS and that the server and the environment share a TLS version and cipher.",
    check};
}  // namespace od::rules
