// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The chain did not verify for another reason than expiry or the host name.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& f : tls_failures(t))
      if (tls_kind(*f.response) == TlsKind::Untrusted) {
        const HttpResponse& r = *f.response;
        const int v = r.cert ? r.cert->verify_error : 0;
        report_tls(pc.ctx.config, t, f, v != 0 ? r.cert->verify_message : r.error, false, out);
      }
}

}  // namespace
extern const Rule OD3201{"OD3201",
                         "tls-untrusted",
                         Severity::Error,
                         "tls-trust",
                         "The IdP's certificate chain is not trusted",
                         "Install the issuing CA in the servers' trust store (or pass --ca-file to check with it), or "
                         "use a publicly trusted certificate.",
                         check};
}  // namespace od::rules
