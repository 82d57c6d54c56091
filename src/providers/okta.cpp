// Okta (org and custom authorization servers).
#include <nlohmann/json.hpp>

#include "core/json.h"
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kIssuerSuffixes[] = {"okta.com", "oktapreview.com"};
// The hosted sign-in page loads the Okta Sign-In Widget.
constexpr std::string_view kLoginMarkers[] = {"OktaSignIn", "okta-sign-in"};
constexpr std::string_view kTemplates[] = {"okta"};

// An OIDC app integration keeps a sign-in and a sign-out list; the names are the apps API's
// (settings.oauthClient of GET /api/v1/apps/{appId}).
constexpr UriList kLists[] = {
    {"sign-in", "Sign-in redirect URIs", "settings.oauthClient.redirect_uris", ""},
    {"sign-out", "Sign-out redirect URIs", "settings.oauthClient.post_logout_redirect_uris", ""},
};
const UriList* place(std::string_view, bool sign_out, Redeemer) { return &kLists[sign_out ? 1 : 0]; }

std::vector<Form> forms(std::string_view, std::span<const Placed> lists) {
  nlohmann::ordered_json client = nlohmann::ordered_json::object();
  for (auto& p : lists) {
    std::string_view f = p.list->field;
    client[std::string(f.substr(f.rfind('.') + 1))] = p.uris;
  }
  nlohmann::ordered_json body = {{"settings", {{"oauthClient", client}}}};
  return {
      {"Okta apps API: PUT /api/v1/apps/{appId} replaces the whole app, so merge these keys into the object "
       "GET /api/v1/apps/{appId} returns and send that",
       dump_json(body, 2)}};
}

constexpr UriLayout kLayout{.lists = kLists, .place = place, .forms = forms};
}  // namespace

extern const ProviderInfo okta{
    .kind = "okta",
    .display = "Okta",
    .issuer_host_suffixes = kIssuerSuffixes,
    .login_markers = kLoginMarkers,
    .templates = kTemplates,
    .uri_layout = &kLayout,
    .metadata_url_example = "https://YOUR-ORG.okta.com/oauth2/default/.well-known/openid-configuration",
};

}  // namespace od::providers::units
