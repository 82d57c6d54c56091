// Okta: the app object of the apps API (GET /api/v1/apps/{id}) and the flat OAuth client of
// /oauth2/v1/clients. Both name grant types and the token endpoint auth method explicitly.
#include "core/uri.h"
#include "imports/reader.h"

namespace od::imports {

Expected<App> read_okta(const Reader& r, const Node& app, Format format) {
  App out;
  out.format = format;
  out.pointer = app.ptr;
  Node settings = app, credentials = app;  // the flat client keeps everything at the top
  if (format == Format::OktaApp) {
    if (auto mode = r.str(app, "signOnMode"); mode && mode->value != "OPENID_CONNECT")
      return r.fail(mode->pos, "this Okta app signs users in with " + mode->value +
                                   ", not OpenID Connect; export the OIDC app integration instead");
    auto s = r.get(app, "settings");
    auto so = s ? r.get(*s, "oauthClient") : std::nullopt;
    if (!so) return r.fail(r.pos(app), "the Okta app object has no `settings.oauthClient` (is it an OIDC app?)");
    settings = *so;
    if (auto c = r.get(app, "credentials"))
      if (auto co = r.get(*c, "oauthClient")) credentials = *co;
    if (auto v = r.str(app, "label")) out.name = v->value;
    if (auto status = r.str(app, "status")) out.enabled = Located<bool>{status->value == "ACTIVE", status->pos};
  } else if (auto v = r.str(app, "client_name")) {
    out.name = v->value;
  }
  auto id = r.str(credentials, "client_id");
  if (!id && format == Format::OktaApp) id = r.str(app, "id");
  if (!id) return r.fail(r.pos(app), "the Okta export has no `client_id`");
  out.client_id = *id;

  if (auto list = r.get(settings, "redirect_uris")) {
    out.redirect_key = r.key(*list);
    for (auto& u : r.strings(*list)) out.redirect_uris.push_back({u, UriPlatform::Any});
  }
  if (auto list = r.get(settings, "post_logout_redirect_uris")) out.logout_uris = r.strings(*list);
  if (auto list = r.get(settings, "grant_types")) out.grant_types = LList{r.key(*list), r.strings(*list)};
  out.application_type = r.str(settings, "application_type");
  out.token_auth_method = r.str(credentials, "token_endpoint_auth_method");
  if (out.token_auth_method)
    out.public_client = Located<bool>{out.token_auth_method->value == "none", out.token_auth_method->pos};
  out.pkce_required = r.boolean(credentials, "pkce_required");
  if (auto secret = r.str(credentials, "client_secret"); secret && !secret->value.empty())
    out.secret_in_clear = secret->pos;
  return out;
}

}  // namespace od::imports
