// Microsoft Entra ID (formerly Azure AD).
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
};

}  // namespace od::providers::units
