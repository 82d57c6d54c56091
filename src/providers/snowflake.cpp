// Snowflake OAuth (security integrations).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kTemplates[] = {"snowflake"};
}  // namespace

extern const ProviderInfo snowflake{
    .kind = "snowflake",
    .display = "Snowflake",
    .login_markers = kPasswordFormMarkers,
    .refresh_scope = "refresh_token",  // Snowflake's own scope for it
    .templates = kTemplates,
    .auth_url_example = "https://ACCOUNT.snowflakecomputing.com/oauth/authorize",
    .token_url_example = "https://ACCOUNT.snowflakecomputing.com/oauth/token-request",
};

}  // namespace od::providers::units
