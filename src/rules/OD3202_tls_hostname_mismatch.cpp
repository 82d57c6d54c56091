// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The certificate does not name the host.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& f : tls_failures(t))
      if (tls_kind(*f.response) == TlsKind::HostnameMismatch) {
        auto u = Uri::parse(f.url);
        report_tls(pc.ctx.config, t, f, "the certificate does not name " + (u ? u->host : probes::host_port(f.url)),
                   true, out);
      }
}

}  // namespace
extern const Rule OD3202{
    "OD3202",
    "tls-hostname-mismatch",
    Severity::Error,
    "tls-trust",
    "The IdP's certificate does not name the host in the URL",
    "Use a certificate whose subjectAltName lists the host, or use the host name the certificate was issued for.",
    check};
}  // namespace od::rules
