// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// The IdP let a canary through: a redirect URI nobody can register, or a client id that cannot
// exist. Whatever it says about the real ones is then no check at all. Once per client and kind.
void check(const ProbeContext& pc, Sink& out) {
  using K = probes::Canary::Kind;
  for (auto& t : pc.facts.targets) {
    std::set<std::pair<const Client*, K>> said;
    for (auto& k : t.canaries) {
      if (k.reading != probes::Canary::Reading::Accepted || !said.insert({k.client, k.kind}).second) continue;
      const Client& c = *k.client;
      std::string what, key;
      switch (k.kind) {
        case K::RedirectUri:
          what = fmt::format(
              "it sends the user on to {}, a redirect URI nobody can register, so it accepts any "
              "redirect URI for client `{}`",
              k.redirect_uri, client_id_of(c));
          key = "redirect_uri";
          break;
        case K::ClientId:
          what = fmt::format("it sends a client id that cannot exist on to {}, so it accepts any client id",
                             k.redirect_uri);
          key = "client_id";
          break;
        case K::Token:
          what = fmt::format(
              "its token endpoint {} answers HTTP {} to a made-up code for a client id that cannot "
              "exist, so the secret of the {} cannot be checked",
              k.endpoint, k.response.status, c.label);
          key = "token";
          break;
      }
      out.report(k.kind == K::Token ? secret_pos(c) : (c.client_id ? c.client_id->pos : c.pos),
                 fmt::format("{}the IdP accepts anything: {} (route: {})", where_env(k.environment), what, k.route),
                 {.environment = k.environment, .client = &c, .key = key, .predictions = false});
    }
  }
}

}  // namespace
extern const Rule OD3306{"OD3306",
                         "idp-accepts-any",
                         Severity::Warning,
                         "redirect-uri-mismatch",
                         "The IdP accepts a redirect URI or client id that cannot be registered",
                         "Point the config at the real IdP; a test server without a client registry proves nothing "
                         "about production.",
                         check};
}  // namespace od::rules
