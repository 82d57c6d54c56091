// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The secret could not be judged: its value was not read, or the answer could not be read.
// A note, it predicts no error.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& tp : t.tokens) {
      const Client& c = *tp.client;
      if (tp.state == probes::TokenProbe::State::Unresolved)
        out.report(
            secret_pos(c),
            fmt::format("the secret of the {} was not checked: its value was not read (--no-resolve-secrets)", c.label),
            {.client = &c, .key = "unresolved", .predictions = false});
      else if (tp.verdict && tp.verdict->verdict == probes::SecretVerdict::Inconclusive &&
               !unknown_at_authorize(t, tp.client))
        out.report(secret_pos(c),
                   fmt::format("cannot tell whether the IdP accepts the secret of the {}: {}", c.label,
                               redact(tp.verdict->detail)),
                   {.client = &c, .key = "answer", .predictions = false});
    }
}

}  // namespace
extern const Rule OD3403{"OD3403",
                         "client-secret-check-inconclusive",
                         Severity::Info,
                         "client-secret-invalid",
                         "The client secret could not be checked",
                         "Check the secret by hand once (one sign-in), or share a --record of the run with support.",
                         check};
}  // namespace od::rules
