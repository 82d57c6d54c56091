// One decoded token and what was established about it, for the token rules (src/rules/OD4xxx_*)
// to judge: the JWT as found, the signature check against a key set when one was given, and the
// circumstances of the run (expected nonce, clock skew, the instant, the IdP, the config).
// Nothing here decides what is wrong with the token.
#pragma once
#include <optional>
#include <string>

#include "config/model.h"
#include "token/jwks.h"
#include "token/jwt.h"

namespace od::token {

struct TokenFacts {
  Jwt jwt;                                   // header, claims and where it was found (jwt.label)
  std::optional<Verification> verification;  // none: no key set was given
  std::optional<std::string> nonce;          // the nonce the sign-in sent (--nonce)
  long long skew = 300;                      // seconds of clock difference allowed
  long long now = 0;                         // unix seconds the times are judged at
  std::string provider;                      // config's provider kind, else guessed from `iss`
  const Config* config = nullptr;            // --config, or null
};

struct FactOptions {
  const KeySet* keys = nullptr;  // verify the signature against these
  std::optional<std::string> nonce;
  long long skew = 300;
  long long now = 0;
  const Config* config = nullptr;
};

TokenFacts establish(Jwt jwt, const FactOptions& o);

// The IdP a token comes from (config first, else guessed from `iss`): entra, okta, ...
std::string provider_of(const Jwt& jwt, const Config* config);

}  // namespace od::token
