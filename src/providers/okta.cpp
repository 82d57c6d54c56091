// Okta (org and custom authorization servers).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kIssuerSuffixes[] = {"okta.com", "oktapreview.com"};
// The hosted sign-in page loads the Okta Sign-In Widget.
constexpr std::string_view kLoginMarkers[] = {"OktaSignIn", "okta-sign-in"};
constexpr std::string_view kTemplates[] = {"okta"};
}  // namespace

extern const ProviderInfo okta{
    .kind = "okta",
    .display = "Okta",
    .issuer_host_suffixes = kIssuerSuffixes,
    .login_markers = kLoginMarkers,
    .templates = kTemplates,
};

}  // namespace od::providers::units
