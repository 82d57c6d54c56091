#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    // Entra decides per redirect URI (OD2802); Okta and Keycloak per client.
    if (!c.imported || imports::format_provider(c.imported->format) == "entra" || !serves_tools(ctx, c)) continue;
    const imports::App& app = *c.imported;
    if (!app.public_client || app.public_client->value) continue;
    bool shared = c.role != Client::Role::Desktop;
    std::string how = imports::format_provider(app.format) == "okta"
                          ? fmt::format("token endpoint auth method `{}`", app.token_auth_method->value)
                          : "client authentication on (publicClient false)";
    out.report(app.public_client->pos,
               fmt::format("the {} ({}) is registered as a confidential client ({}) {}, but the development tools "
                           "{}sign in with PKCE and no secret; their token requests fail with invalid_client",
                           c.label, app.client_id.value, how, in_export(app), shared ? "sharing it " : ""),
               {.client = &c,
                .fix = imports::format_provider(app.format) == "okta"
                           ? "Register the tools as an Okta Native app (Client authentication: none, PKCE "
                             "required) and set it as `desktop_client`."
                           : "Create a public client for the tools (Client authentication off, PKCE S256) and set "
                             "it as `desktop_client`."});
  }
}
}  // namespace
extern const Rule OD2804{"OD2804",
                         "desktop-client-registered-confidential",
                         Severity::Error,
                         "client-auth-method",
                         "The client the desktop tools use is registered as confidential at the IdP",
                         "Use a public (native) client with PKCE for the desktop tools.",
                         check};
}  // namespace od::rules
