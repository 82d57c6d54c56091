// Entra app registrations: the Microsoft Graph application object (what `az ad app show`, Graph
// Explorer and the portal's current Manifest tab give) and the older Azure AD Graph manifest.
#include "core/uri.h"
#include "imports/reader.h"

namespace od::imports {

namespace {

void read_secrets(const Reader& r, const Node& app, std::string_view end_key, std::string_view value_key, App& out) {
  auto list = r.get(app, "passwordCredentials");
  if (!list) return;
  for (auto& c : r.items(*list)) {
    PasswordCredential pc;
    if (auto v = r.str(c, "displayName")) pc.display_name = v->value;
    if (auto v = r.str(c, "hint")) pc.hint = v->value;
    if (auto v = r.str(c, "keyId")) pc.key_id = v->value;
    pc.end = r.date(c, end_key);
    // Graph returns the value only once, when the secret is created; a copy in a file is a leak.
    if (auto v = r.str(c, value_key); v && !v->value.empty()) out.secret_in_clear = v->pos;
    out.secrets.push_back(std::move(pc));
  }
}

void read_resources(const Reader& r, const Node& app, App& out) {
  if (auto list = r.get(app, "requiredResourceAccess"))
    for (auto& res : r.items(*list))
      if (auto id = r.str(res, "resourceAppId")) out.requested_resources.push_back(id->value);
}

}  // namespace

Expected<App> read_entra(const Reader& r, const Node& app, Format format) {
  App out;
  out.format = format;
  out.pointer = app.ptr;
  auto id = r.str(app, "appId");
  if (!id) return r.fail(r.pos(app), "the Entra app registration has no `appId` string");
  out.client_id = *id;
  out.sign_in_audience = r.str(app, "signInAudience");
  read_resources(r, app, out);

  if (format == Format::EntraGraph) {
    if (auto v = r.str(app, "displayName")) out.name = v->value;
    constexpr std::pair<std::string_view, UriPlatform> kPlatforms[] = {
        {"web", UriPlatform::Web}, {"spa", UriPlatform::Spa}, {"publicClient", UriPlatform::PublicClient}};
    for (auto [key, platform] : kPlatforms) {
      auto section = r.get(app, key);
      if (!section) continue;
      auto list = r.get(*section, "redirectUris");
      if (!list) continue;
      if (!out.redirect_key.known() || (out.redirect_uris.empty() && !(*list)->empty()))
        out.redirect_key = r.key(*list);
      for (auto& u : r.strings(*list)) out.redirect_uris.push_back({u, platform});
    }
    if (auto web = r.get(app, "web")) out.front_channel_logout = r.str(*web, "logoutUrl");
    out.fallback_public_client = r.boolean(app, "isFallbackPublicClient");
    read_secrets(r, app, "endDateTime", "secretText", out);
  } else {
    if (auto v = r.str(app, "name")) out.name = v->value;
    if (auto list = r.get(app, "replyUrlsWithType")) {
      out.redirect_key = r.key(*list);
      for (auto& item : r.items(*list)) {
        auto url = r.str(item, "url");
        if (!url) return r.fail(r.pos(item), "every `replyUrlsWithType` entry needs a `url` string");
        auto type = r.str(item, "type");
        std::string t = type ? type->value : "Web";
        UriPlatform p = iequals(t, "Spa")               ? UriPlatform::Spa
                        : iequals(t, "InstalledClient") ? UriPlatform::PublicClient
                                                        : UriPlatform::Web;
        out.redirect_uris.push_back({*url, p});
      }
    }
    out.front_channel_logout = r.str(app, "logoutUrl");
    out.fallback_public_client = r.boolean(app, "allowPublicClient");
    read_secrets(r, app, "endDate", "value", out);
  }
  // Entra checks post_logout_redirect_uri against the redirect URIs; logoutUrl is the
  // front-channel logout address, which is something else.
  for (auto& u : out.redirect_uris) out.logout_uris.push_back(u.uri);
  return out;
}

}  // namespace od::imports
