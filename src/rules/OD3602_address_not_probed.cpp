// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// A probe the engine refused to connect: the address is link-local or unspecified, or a redirect
// led from a public host to a private or loopback one. The request was not sent.
void check(const ProbeContext& pc, Sink& out) {
  auto refused = [](const HttpResponse& r) { return r.failure == Failure::ForbiddenAddress; };
  for (auto& t : pc.facts.targets) {
    for (auto& d : t.discovery)
      if (d.response && refused(*d.response))
        out.report(t.url->pos,
                   fmt::format("environment `{}`: discovery document {}: {}", d.environment, t.url->value,
                               redact(d.response->error)),
                   {.environment = d.environment, .client = owner(t), .key = t.url->value});
    if (t.jwks.response && refused(*t.jwks.response))
      out.report(t.url->pos, fmt::format("jwks_uri {}: {}", t.jwks.url, redact(t.jwks.response->error)),
                 {.client = owner(t), .key = t.jwks.url});
    for (auto& p : t.authorize)
      if (p.started && refused(p.response))
        out.report(t.url->pos,
                   fmt::format("{}authorization_endpoint {}: {}", where_env(p.environment), p.endpoint,
                               redact(p.response.error)),
                   {.environment = p.environment, .client = p.client, .key = p.endpoint});
    for (auto& tp : t.tokens)
      if (tp.state == probes::TokenProbe::State::Sent && refused(tp.response))
        out.report(
            secret_pos(*tp.client),
            fmt::format("token_endpoint {}: {}; the secret was not sent", tp.endpoint, redact(tp.response.error)),
            {.environment = tp.environment, .client = tp.client, .key = tp.endpoint});
  }
}

}  // namespace
extern const Rule OD3602{
    "OD3602",
    "address-not-probed",
    Severity::Error,
    "metadata-invalid",
    "A probe would reach a link-local or unspecified address, or a redirect leads from a public host to a private one",
    "Point the metadata URL and the IdP's endpoints at the IdP's public https address; a redirect to an internal "
    "address or a cloud metadata service is never a working sign-in path.",
    check};
}  // namespace od::rules
