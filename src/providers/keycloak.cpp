// Keycloak (and Red Hat build of Keycloak / RH-SSO).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
// The login theme's form id, and the action URL it posts to.
constexpr std::string_view kLoginMarkers[] = {"kc-form-login", "login-actions/authenticate"};
constexpr std::string_view kTemplates[] = {"keycloak"};
}  // namespace

extern const ProviderInfo keycloak{
    .kind = "keycloak",
    .display = "Keycloak",
    .issuer_path_marker = "/realms/",
    .login_markers = kLoginMarkers,
    .trailing_wildcard_redirects = true,
    .templates = kTemplates,
    .metadata_url_example = "https://KEYCLOAK-HOST/realms/REALM/.well-known/openid-configuration",
};

}  // namespace od::providers::units
