// Amazon Cognito user pools.
#include "providers/provider.h"

namespace od::providers::units {

extern const ProviderInfo cognito{
    .kind = "cognito",
    .display = "Amazon Cognito",
    .login_markers = kPasswordFormMarkers,
    .metadata_url_example = "https://cognito-idp.REGION.amazonaws.com/USER-POOL-ID/.well-known/openid-configuration",
    .username_claim = "email",
};

}  // namespace od::providers::units
