// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The IdP accepts a redirect URI the config's list lacks: a note, it predicts no error.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& p : t.authorize) {
      if (!p.verdict || p.verdict->verdict != probes::Verdict::Accepted) continue;
      const Client& c = *p.client;
      if (!c.redirect_uris || listed(c, p.uri.uri)) continue;
      out.report(redirect_list_pos(c),
                 fmt::format("{}the IdP accepts {} for the {}, but `redirect_uris` does not list it",
                             where_env(p.environment), p.uri.uri, c.label),
                 {.environment = p.environment,
                  .client = &c,
                  .fix = "Add " + p.uri.uri + " to `redirect_uris` so lint compares against what the IdP has.",
                  .key = p.uri.uri,
                  .predictions = false});
    }
}

}  // namespace
extern const Rule OD3304{"OD3304",
                         "redirect-uri-accepted-unlisted",
                         Severity::Info,
                         "config-invalid",
                         "The IdP accepts a redirect URI the config does not list",
                         "Add the URI to the client's redirect_uris so offline lint sees what the IdP has.",
                         check};
}  // namespace od::rules
