// GitHub (OAuth Apps and GitHub Apps; OAuth 2.0, not OpenID Connect).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kTemplates[] = {"github"};
}  // namespace

extern const ProviderInfo github{
    .kind = "github",
    .display = "GitHub",
    .login_markers = kPasswordFormMarkers,
    .refresh_scope = std::nullopt,  // refresh tokens come from token expiry on a GitHub App
    .templates = kTemplates,
    .auth_url_example = "https://github.com/login/oauth/authorize",
    .token_url_example = "https://github.com/login/oauth/access_token",
    .username_claim = "login",
};

}  // namespace od::providers::units
