#include "rules/exports.h"

namespace od::rules {
namespace {
using imports::UriPlatform;

void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.imported || !ctx.platform.is_confidential(c)) continue;
    const imports::App& app = *c.imported;
    std::string_view idp = imports::format_provider(app.format);
    if (idp == "entra") {
      // Entra decides per redirect URI: one only under Mobile and desktop makes the exchange public.
      for (auto& e : server_uris(ctx, c)) {
        const imports::RegisteredUri* pub = nullptr;
        bool other = false;
        for (auto& r : app.redirect_uris) {
          if (r.uri.value != e.uri) continue;
          if (r.platform == UriPlatform::PublicClient)
            pub = &r;
          else
            other = true;
        }
        if (!pub || other) continue;
        out.report(pub->uri.pos,
                   fmt::format("{}{} redirect URI {} is registered under Mobile and desktop applications {}, so "
                               "Entra treats its code exchange as a public client's and refuses the secret the "
                               "platform sends",
                               where_env(e.environment), e.purpose, e.uri, in_export(app)),
                   {.environment = e.environment,
                    .client = &c,
                    .fix = fmt::format("Move {} to the Web platform of the app registration.", e.uri),
                    .key = e.uri,
                    .redirect_uri = e.uri});
      }
      continue;
    }
    if (!app.public_client || !app.public_client->value) continue;
    std::string why =
        idp == "okta"
            ? "its token endpoint auth method is `none`: Okta then demands PKCE from the platform's server and "
              "ignores the client secret"
            : "Keycloak then checks no secret at the token endpoint, so anyone holding a sign-in code can redeem it";
    out.report(
        app.public_client->pos,
        fmt::format("the {} ({}) is registered as a public client {}; {}", c.label, app.client_id.value, in_export(app),
                    why),
        {.client = &c,
         .fix = idp == "okta" ? "Make it a confidential Web app: Client authentication \"Client secret\" "
                                "(client_secret_basic), then give the platform that secret."
                              : "Turn \"Client authentication\" on (publicClient false) and give the platform the "
                                "client's secret."});
  }
}
}  // namespace
extern const Rule OD2803{"OD2803",
                         "web-client-registered-public",
                         Severity::Error,
                         "client-auth-method",
                         "The IdP registers the confidential web client as a public client",
                         "Register the web client as confidential, with a client secret.",
                         check};
}  // namespace od::rules
