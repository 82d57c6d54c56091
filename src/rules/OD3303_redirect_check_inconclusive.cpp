// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The authorization endpoint's answer could not be read: a note, it predicts no error.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& p : t.authorize) {
      if (!p.verdict || p.verdict->verdict != probes::Verdict::Inconclusive) continue;
      const Client& c = *p.client;
      out.report(listed(c, p.uri.uri).value_or(redirect_list_pos(c)),
                 fmt::format("{}cannot tell whether the IdP accepts {} for the {}: {}{}", where_env(p.environment),
                             p.uri.uri, c.label, redact(p.verdict->detail), probes::inconclusive_hint(c.provider_kind)),
                 {.environment = p.environment, .client = &c, .key = p.uri.uri, .predictions = false});
    }
}

}  // namespace
extern const Rule OD3303{
    "OD3303",
    "redirect-check-inconclusive",
    Severity::Info,
    "redirect-uri-mismatch",
    "The IdP's answer to the redirect URI check could not be read",
    "Try the sign-in once by hand for this redirect URI, or share a --record of the run with support.",
    check};
}  // namespace od::rules
