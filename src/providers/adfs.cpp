// Active Directory Federation Services (AD FS 2016 and later).
#include "providers/provider.h"

namespace od::providers::units {

namespace {
constexpr std::string_view kLoginMarkers[] = {"loginForm", "/adfs/ls/"};
constexpr Caveat kCaveats[] = {
    {"*", "preferred_username",
     "AD FS sends `preferred_username` only when a claim rule issues it; `upn` is the usual choice"},
};
// A refused redirect URI and an unknown client id: AD FS writes these to its event log while the
// browser sees a generic error page.
constexpr LogHint kLogHints[] = {{"redirect-uri-mismatch", "redirect URI"}, {"client-not-found", "client id"}};
}  // namespace

extern const ProviderInfo adfs{
    .kind = "adfs",
    .display = "AD FS",
    .login_markers = kLoginMarkers,
    .caveats = kCaveats,
    .inconclusive_note = "AD FS gives the reason only in its AD FS/Admin event log",
    .inconclusive_hints = kLogHints,
    .metadata_url_example = "https://ADFS-HOST/adfs/.well-known/openid-configuration",
    .username_claim = "upn",
};

}  // namespace od::providers::units
