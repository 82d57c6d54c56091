// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The authorization endpoint refused the redirect URI.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& p : t.authorize) {
      if (!p.verdict || p.verdict->verdict != probes::Verdict::Rejected) continue;
      const Client& c = *p.client;
      out.report(listed(c, p.uri.uri).value_or(redirect_list_pos(c)),
                 fmt::format("{}the IdP rejects the {} redirect URI {} for the {} (`{}`): {}", where_env(p.environment),
                             p.uri.purpose, p.uri.uri, c.label, client_id_of(c), redact(p.verdict->detail)),
                 {.environment = p.environment,
                  .client = &c,
                  .fix = fmt::format("Register exactly {} as a redirect URI of client `{}` at the IdP.", p.uri.uri,
                                     client_id_of(c)),
                  .key = p.uri.uri});
    }
}

}  // namespace
extern const Rule OD3301{"OD3301",
                         "redirect-uri-rejected",
                         Severity::Error,
                         "redirect-uri-mismatch",
                         "The IdP refuses a redirect URI the platform sends",
                         "Register the exact redirect URI on the client at the IdP.",
                         check};
}  // namespace od::rules
