// Reads an IdP's answers without a user: the authorization endpoint's reaction to a client id
// and redirect URI, and the token endpoint's reaction to a bogus code. Each provider words its
// refusals differently; a page we do not recognise is "inconclusive", never a guess.
#pragma once
#include <string>
#include <string_view>

#include "net/transport.h"

namespace od::probes {

// entra, okta, keycloak, auth0, google, adfs or generic (node-oidc-provider and RFC wording).
std::string_view dialect_for(std::string_view provider_kind);

enum class Verdict { Accepted, Rejected, ClientUnknown, Inconclusive };

struct AuthorizeResult {
  Verdict verdict = Verdict::Inconclusive;
  std::string detail;  // the provider's own words, or why we cannot tell
};
AuthorizeResult classify_authorize(std::string_view dialect, const HttpResponse& resp, std::string_view redirect_uri);

enum class SecretVerdict { Accepted, Invalid, Expired, ClientUnknown, Inconclusive };

struct SecretResult {
  SecretVerdict verdict = SecretVerdict::Inconclusive;
  std::string detail;
};
SecretResult classify_token(std::string_view dialect, const HttpResponse& resp);

// Visible text of an HTML page: tags dropped, common entities decoded, whitespace collapsed.
std::string html_text(std::string_view html);

}  // namespace od::probes
