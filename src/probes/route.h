// Which way an environment's server reaches a URL: the proxy from the config unless the host
// is in its bypass list. The machine running oidc-doctor plays each environment in turn.
#pragma once
#include <string_view>

#include "config/model.h"
#include "net/transport.h"

namespace od::probes {

Route route_for(const Environment& env, std::string_view url);

// Bypass entries: exact host, "*.example.com" / ".example.com" (any subdomain), globs with *,
// and "<local>" (hosts without a dot), all case-insensitive.
bool bypassed(std::string_view host, std::string_view entry);

}  // namespace od::probes
