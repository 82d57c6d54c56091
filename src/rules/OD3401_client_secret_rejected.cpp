// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The token endpoint rejected the secret as invalid (unless the IdP does not know the client).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& tp : t.tokens) {
      if (!tp.verdict || tp.verdict->verdict != probes::SecretVerdict::Invalid) continue;
      if (unknown_at_authorize(t, tp.client)) continue;  // OD3302 says it
      const Client& c = *tp.client;
      const std::string said = redact(tp.verdict->detail);
      out.report(secret_pos(c),
                 fmt::format("the IdP rejects the secret of the {} (`{}`) as invalid: {}{}", c.label, client_id_of(c),
                             said,
                             said.find("7000215") != std::string::npos
                                 ? "; the secret's ID was probably pasted instead of its value"
                                 : (said.starts_with("invalid_client") ? "; some IdPs answer this way for an unknown "
                                                                         "client id too"
                                                                       : "")),
                 {.client = &c});
    }
}

}  // namespace
extern const Rule OD3401{"OD3401", "client-secret-rejected", Severity::Error, "client-secret-invalid",
                         "The IdP rejects the client secret",
                         "Create a new secret at the IdP, store its value (not its id) where the config points, and update the platform.", check};
}  // namespace od::rules
