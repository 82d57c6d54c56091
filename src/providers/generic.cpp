// Any standards-following OpenID Connect provider (node-oidc-provider is the reference we test).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kTemplates[] = {"custom"};
}  // namespace

extern const ProviderInfo generic{
    .kind = "generic",
    .display = "OpenID Connect provider",
    .login_markers = kPasswordFormMarkers,
    .templates = kTemplates,
    .metadata_url_example = "https://IDP-HOST/.well-known/openid-configuration",
};

}  // namespace od::providers::units
