// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The canaries show that the IdP's answer before sign-in says nothing about this redirect URI:
// it answers one that cannot be registered the same way, or accepts it. A warning, so such a run
// does not read as passed; it predicts no error.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& p : t.authorize) {
      if (!p.verdict || p.verdict->verdict != probes::Verdict::Unverifiable) continue;
      const Client& c = *p.client;
      out.report(listed(c, p.uri.uri).value_or(redirect_list_pos(c)),
                 fmt::format("{}the {} redirect URI {} of the {} (`{}`) cannot be verified before sign-in on this IdP: "
                             "{} (route: {})",
                             where_env(p.environment), p.uri.purpose, p.uri.uri, c.label, client_id_of(c),
                             redact(p.verdict->detail), p.route),
                 {.environment = p.environment,
                  .client = &c,
                  .fix = fmt::format("Sign in once through {} (or check the IdP's client settings) to confirm that the "
                                     "IdP has it registered for client `{}`.",
                                     p.uri.uri, client_id_of(c)),
                  .key = p.uri.uri,
                  .predictions = false});
    }
}

}  // namespace
extern const Rule OD3305{"OD3305",
                         "redirect-check-unverifiable",
                         Severity::Warning,
                         "redirect-uri-mismatch",
                         "The IdP checks redirect URIs only after sign-in, so preflight cannot verify them",
                         "Confirm each redirect URI with one real sign-in, or in the IdP's client settings.",
                         check};
}  // namespace od::rules
