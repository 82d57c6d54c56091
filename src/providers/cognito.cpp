// Amazon Cognito user pools.
#include "providers/provider.h"

namespace od::providers::units {

extern const ProviderInfo cognito{
    .kind = "cognito",
    .display = "Amazon Cognito",
    .login_markers = kPasswordFormMarkers,
};

}  // namespace od::providers::units
