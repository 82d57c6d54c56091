// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A metadata URL in plain http to a host that is not loopback is never contacted; a redirect
// to plain http (or any scheme but http and https) on the way is not followed, for the discovery
// document and the key set alike.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets) {
    if (t.insecure) {
      out.report(
          t.url->pos,
          fmt::format("{} is plain http on a host that is not loopback; preflight sends nothing there", t.url->value),
          {.client = owner(t), .key = t.url->value});
      continue;
    }
    for (auto& d : t.discovery)
      if (d.response && d.response->failure == Failure::InsecureRedirect)
        out.report(t.url->pos,
                   fmt::format("environment `{}`: {} {}", d.environment, t.url->value, redact(d.response->error)),
                   {.environment = d.environment, .client = owner(t), .key = t.url->value});
    if (t.jwks.response && t.jwks.response->failure == Failure::InsecureRedirect)
      out.report(t.url->pos, fmt::format("jwks_uri {} {}", t.jwks.url, redact(t.jwks.response->error)),
                 {.client = owner(t), .key = t.jwks.url});
  }
}

}  // namespace
extern const Rule OD3601{
    "OD3601",
    "plain-http-not-probed",
    Severity::Error,
    "metadata-invalid",
    "A probe would use plain http to a non-loopback host, so it was not sent",
    "Use https for the IdP; plain http is only acceptable for a local test IdP on a loopback address.",
    check};
}  // namespace od::rules
