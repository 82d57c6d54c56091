// Google (Google Identity / Workspace).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kIssuerHosts[] = {"accounts.google.com"};
constexpr Caveat kCaveats[] = {
    {"*", "preferred_username", "Google never sends `preferred_username`; use `email`"},
};
}  // namespace

extern const ProviderInfo google{
    .kind = "google",
    .display = "Google",
    .issuer_hosts = kIssuerHosts,
    .login_markers = kPasswordFormMarkers,
    .refresh_scope = std::nullopt,  // Google wants access_type=offline instead
    .caveats = kCaveats,
    .metadata_url_example = "https://accounts.google.com/.well-known/openid-configuration",
    .username_claim = "email",
};

}  // namespace od::providers::units
