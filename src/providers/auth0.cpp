// Auth0 (Okta Customer Identity).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kIssuerSuffixes[] = {"auth0.com"};
}  // namespace

extern const ProviderInfo auth0{
    .kind = "auth0",
    .display = "Auth0",
    .issuer_host_suffixes = kIssuerSuffixes,
    .login_markers = kPasswordFormMarkers,
    .metadata_url_example = "https://YOUR-TENANT.auth0.com/.well-known/openid-configuration",
};

}  // namespace od::providers::units
