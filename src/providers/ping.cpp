// Ping Identity (PingFederate, PingOne).
#include "providers/provider.h"

namespace od::providers::units {

extern const ProviderInfo ping{
    .kind = "ping",
    .display = "Ping Identity",
    .login_markers = kPasswordFormMarkers,
    .metadata_url_example = "https://auth.pingone.com/ENVIRONMENT-ID/as/.well-known/openid-configuration",
};

}  // namespace od::providers::units
