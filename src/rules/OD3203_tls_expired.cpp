// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The certificate (or one in its chain) has expired or is not valid yet.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& f : tls_failures(t))
      if (tls_kind(*f.response) == TlsKind::Expired)
        report_tls(pc.ctx.config, t, f, f.response->cert->verify_message, false, out);
}

}  // namespace
extern const Rule OD3203{"OD3203",
                         "tls-expired",
                         Severity::Error,
                         "tls-trust",
                         "The IdP's certificate has expired or is not yet valid",
                         "Renew the IdP's TLS certificate.",
                         check};
}  // namespace od::rules
