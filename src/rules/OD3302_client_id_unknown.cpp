// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The IdP does not know the client id: said by the authorization endpoint, or else by the
// token endpoint.
void check(const ProbeContext& pc, Sink& out) {
  auto report = [&](const Client& c, const std::string& said) {
    out.report(c.client_id ? c.client_id->pos : c.pos,
               fmt::format("the IdP does not know client id `{}` ({}): {}", client_id_of(c), c.label, said),
               {.client = &c, .key = client_id_of(c)});
  };
  for (auto& t : pc.facts.targets) {
    for (auto& p : t.authorize)
      if (p.verdict && p.verdict->verdict == probes::Verdict::ClientUnknown)
        report(*p.client, redact(p.verdict->detail));
    for (auto& tp : t.tokens)
      if (tp.verdict && tp.verdict->verdict == probes::SecretVerdict::ClientUnknown &&
          !unknown_at_authorize(t, tp.client))
        report(*tp.client, redact(tp.verdict->detail));
  }
}

}  // namespace
extern const Rule OD3302{
    "OD3302",
    "client-id-unknown",
    Severity::Error,
    "client-not-found",
    "The IdP does not know the client id",
    "Copy the client (application) id from the IdP's app registration into the config and the platform.",
    check};
}  // namespace od::rules
