// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The key set did not come back (the TLS rules take failed handshakes, OD3102 oversized sets,
// OD3601 and OD3602 the redirects and addresses that were not followed).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets) {
    if (t.insecure || !t.document() || !t.jwks.response) continue;
    const HttpResponse& r = *t.jwks.response;
    if (r.failure == Failure::Tls || r.failure == Failure::TooLarge || r.failure == Failure::InsecureRedirect ||
        r.failure == Failure::ForbiddenAddress || (r.ok() && r.status == 200))
      continue;
    out.report(t.url->pos,
               fmt::format("the signing keys at {} cannot be fetched (from environment `{}`, {}): {}", t.jwks.url,
                           t.jwks.environment, route_label(pc.ctx.config, t.jwks.environment, t.jwks.url), reason(r)),
               {.client = owner(t), .key = t.jwks.url});
  }
}

}  // namespace
extern const Rule OD3101{"OD3101",
                         "jwks-unreachable",
                         Severity::Error,
                         "metadata-unreachable",
                         "The JWKS (signing keys) cannot be fetched",
                         "Make jwks_uri reachable from every environment; without keys no token can be validated.",
                         check};
}  // namespace od::rules
