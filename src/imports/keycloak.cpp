// Keycloak: a client representation (Clients > Export, or GET /admin/realms/{realm}/clients/{id})
// or a realm export holding many clients. Flows are switches, not a grant type list.
#include <cstdlib>

#include "core/uri.h"
#include "imports/reader.h"

namespace od::imports {

Expected<App> read_keycloak(const Reader& r, const Node& client, Format format) {
  App out;
  out.format = format;
  out.pointer = client.ptr;
  auto id = r.str(client, "clientId");
  if (!id) return r.fail(r.pos(client), "the Keycloak client has no `clientId` string");
  out.client_id = *id;
  if (auto p = r.str(client, "protocol"); p && p->value != "openid-connect")
    return r.fail(p->pos, "Keycloak client `" + id->value + "` uses the " + p->value + " protocol, not openid-connect");
  if (auto v = r.str(client, "name")) out.name = v->value;
  if (auto v = r.str(client, "rootUrl")) out.root_url = v->value;
  out.enabled = r.boolean(client, "enabled");
  out.public_client = r.boolean(client, "publicClient");
  out.standard_flow = r.boolean(client, "standardFlowEnabled");
  out.direct_access_grants = r.boolean(client, "directAccessGrantsEnabled");

  // Relative entries are resolved against the client's Root URL, as Keycloak does.
  auto resolve = [&](LStr u) {
    if (u.value.starts_with("/") && !out.root_url.empty()) {
      std::string root = out.root_url;
      while (!root.empty() && root.back() == '/') root.pop_back();
      u.value = root + u.value;
    }
    return u;
  };
  if (auto list = r.get(client, "redirectUris")) {
    out.redirect_key = r.key(*list);
    for (auto& u : r.strings(*list)) out.redirect_uris.push_back({resolve(u), UriPlatform::Any});
  }

  if (auto attrs = r.get(client, "attributes")) {
    out.pkce_method = r.str(*attrs, "pkce.code.challenge.method");
    // One string, entries separated by "##"; "+" stands for every valid redirect URI.
    if (auto logout = r.str(*attrs, "post.logout.redirect.uris")) {
      std::string_view rest = logout->value;
      while (!rest.empty()) {
        size_t cut = rest.find("##");
        std::string item(rest.substr(0, cut));
        rest = cut == std::string_view::npos ? "" : rest.substr(cut + 2);
        if (item == "+")
          for (auto& u : out.redirect_uris) out.logout_uris.push_back(u.uri);
        else if (!item.empty())
          out.logout_uris.push_back(resolve({item, logout->pos}));
      }
    }
    if (auto exp = r.str(*attrs, "client.secret.expiration.time"); exp && !exp->value.empty()) {
      long long seconds = std::atoll(exp->value.c_str());
      if (seconds > 0) out.secret_expires = Located<Date>{Date{static_cast<int>(seconds / 86400)}, exp->pos};
    }
  }
  // Admin console exports mask the secret; a realm export made with kc.sh keeps it.
  if (auto secret = r.str(client, "secret");
      secret && !secret->value.empty() && secret->value.find_first_not_of('*') != std::string::npos)
    out.secret_in_clear = secret->pos;
  return out;
}

}  // namespace od::imports
