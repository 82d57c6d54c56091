// Ping Identity (PingFederate, PingOne).
#include "providers/provider.h"

namespace od::providers::units {

extern const ProviderInfo ping{
    .kind = "ping",
    .display = "Ping Identity",
    .login_markers = kPasswordFormMarkers,
};

}  // namespace od::providers::units
