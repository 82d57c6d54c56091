// Salesforce (as an OpenID Connect provider).
#include "providers/provider.h"

namespace od::providers::units {

extern const ProviderInfo salesforce{
    .kind = "salesforce",
    .display = "Salesforce",
    .login_markers = kPasswordFormMarkers,
    .metadata_url_example = "https://login.salesforce.com/.well-known/openid-configuration",
};

}  // namespace od::providers::units
