// Microsoft Entra ID (formerly Azure AD).
#include <nlohmann/json.hpp>

#include "core/json.h"
#include "core/text.h"
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kLoginHosts[] = {"login.microsoftonline.com", "login.microsoftonline.us",
                                            "login.partner.microsoftonline.cn", "login.windows.net"};
constexpr std::string_view kIssuerHosts[] = {"sts.windows.net"};
constexpr std::string_view kSharedTenants[] = {"common", "organizations", "consumers"};
// The sign-in page keeps its state in a $Config script object with the form's post URL.
constexpr std::string_view kLoginMarkers[] = {"\"urlPost\"", "Sign in to your account"};
constexpr Caveat kCaveats[] = {
    {"*", "email",
     "Entra sends `email` only when the account has a mailbox or the optional claim is configured; "
     "users without one sign in with no username"},
    {"*", "upn", "`upn` is a v1 claim that Entra leaves out for guest accounts and is not in v2 ID tokens by default"},
    {"*", "unique_name", "`unique_name` exists only in v1 tokens and is deprecated"},
};
constexpr std::string_view kTemplates[] = {"azure"};

// An app registration keeps redirect URIs per platform, and the platform decides how the code
// may be redeemed: Web with the client's secret on a server, SPA by script in the browser (the
// token endpoint then answers cross-origin requests only), Mobile and desktop applications by an
// installed app with no secret. Field names are the Microsoft Graph application object's; the
// flags are `az ad app update`'s (Azure CLI, role module _params.py), each replacing its whole
// list. The CLI has no flag for SPA URIs or the front-channel logout URL.
constexpr UriList kLists[] = {
    {"web", "Web", "web.redirectUris", "--web-redirect-uris"},
    {"spa", "Single-page application", "spa.redirectUris", ""},
    {"public-client", "Mobile and desktop applications", "publicClient.redirectUris", "--public-client-redirect-uris"},
};
constexpr UriList kFrontChannelLogout{"front-channel-logout", "Front-channel logout URL", "web.logoutUrl", ""};

const UriList* place(std::string_view, bool, Redeemer r) {
  switch (r) {
    case Redeemer::Server: return &kLists[0];
    case Redeemer::Browser: return &kLists[1];
    case Redeemer::Installed: return &kLists[2];
  }
  return &kLists[0];
}

std::vector<Form> forms(std::string_view client_id, std::span<const Placed> lists) {
  std::vector<Form> out;
  std::string cmd = "az ad app update --id " + shell_quote(client_id);
  bool any_flag = false;
  nlohmann::ordered_json manifest = nlohmann::ordered_json::object();
  for (auto& p : lists) {
    if (!p.list->cli_flag.empty() && !p.uris.empty()) {
      cmd += " " + std::string(p.list->cli_flag);
      for (auto& u : p.uris) cmd += " " + shell_quote(u);
      any_flag = true;
    }
    std::string_view f = p.list->field;
    auto dot = f.find('.');
    auto& section = manifest[std::string(f.substr(0, dot))];
    section[std::string(f.substr(dot + 1))] = p.uris;
  }
  if (any_flag)
    out.push_back({"Azure CLI (each flag replaces that platform's whole list, so it names every URI to keep)", cmd});
  out.push_back(
      {"App registration manifest (Microsoft Graph format: the Manifest tab, or the body of a Graph "
       "PATCH of the application), these keys only",
       dump_json(manifest, 2)});
  return out;
}

constexpr UriLayout kLayout{
    .lists = kLists,
    .place = place,
    .single_logout = &kFrontChannelLogout,
    .sign_out_note =
        "Entra has no list of its own for sign-out: a post_logout_redirect_uri must be one of the "
        "app's redirect URIs, so these go under the platforms above",
    .per_platform = true,
    .forms = forms,
};
}  // namespace

extern const ProviderInfo entra{
    .kind = "entra",
    .display = "Microsoft Entra ID",
    .login_hosts = kLoginHosts,
    .issuer_hosts = kIssuerHosts,
    .shared_tenants = kSharedTenants,
    .tenant_alias_by_id = true,
    .login_markers = kLoginMarkers,
    .advertises_pkce_methods = false,
    .caveats = kCaveats,
    .templates = kTemplates,
    .uri_layout = &kLayout,
    .metadata_url_example = "https://login.microsoftonline.com/TENANT-ID/v2.0/.well-known/openid-configuration",
};

}  // namespace od::providers::units
