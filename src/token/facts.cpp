#include "token/facts.h"

#include "core/text.h"
#include "core/uri.h"
#include "providers/provider.h"

namespace od::token {

TokenFacts establish(Jwt jwt, const FactOptions& o) {
  TokenFacts f;
  if (o.keys) f.verification = verify(jwt, *o.keys);
  f.provider = provider_of(jwt, o.config);
  f.jwt = std::move(jwt);
  f.nonce = o.nonce;
  f.skew = o.skew;
  f.now = o.now;
  f.config = o.config;
  return f;
}

std::string provider_of(const Jwt& jwt, const Config* config) {
  if (config && config->has_provider) return config->provider.kind;
  auto it = jwt.claims.find("iss");
  std::string iss = it != jwt.claims.end() && it->is_string() ? it->get<std::string>() : "";
  auto u = Uri::parse(iss);
  std::string host = u ? to_lower(u->host) : "";
  if (u && (providers::is_entra_login_host(u->host) || host == "sts.windows.net")) return "entra";
  if (host.ends_with("okta.com") || host.ends_with("oktapreview.com")) return "okta";
  if (u && u->path.find("/realms/") != std::string::npos) return "keycloak";
  if (host.ends_with("auth0.com")) return "auth0";
  if (host == "accounts.google.com") return "google";
  return "generic";
}

}  // namespace od::token
