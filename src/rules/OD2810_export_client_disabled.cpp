#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.imported || !c.imported->enabled || c.imported->enabled->value) continue;
    bool okta = imports::format_provider(c.imported->format) == "okta";
    out.report(c.imported->enabled->pos,
               fmt::format("the {} ({}) is {} {}: the IdP refuses every sign-in through it", c.label,
                           c.imported->client_id.value, okta ? "INACTIVE" : "disabled (enabled false)",
                           in_export(*c.imported)),
               {.client = &c,
                .fix = okta ? "Activate the app integration in Okta (Applications > the app > Activate)."
                            : "Switch the client on in Keycloak (Clients > the client > Enabled)."});
  }
}
}  // namespace
extern const Rule OD2810{"OD2810",
                         "export-client-disabled",
                         Severity::Error,
                         "client-disabled",
                         "The IdP export shows the client deactivated or disabled",
                         "Activate the client at the IdP.",
                         check};
}  // namespace od::rules
