// What is wrong with a token, in the shared category vocabulary: lifetime, nonce, signature,
// and with a config, the username claim, audience and issuer the platform will compare. Also the
// classic Entra traps: Graph access tokens, v1 vs v2 issuers, guests without upn.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "findings/finding.h"
#include "token/jwks.h"
#include "token/jwt.h"

namespace od::token {

struct Check {
  std::string id;  // stable kebab-case name, e.g. token-expired
  Severity severity = Severity::Error;
  std::string category;  // src/core/category.cpp
  std::string message;
  std::string fix;
  std::vector<std::string> predicted_errors;
};

struct Options {
  std::optional<std::string> nonce;
  long long skew = 300;               // seconds of clock difference allowed
  long long now = 0;                  // unix seconds
  const Config* config = nullptr;     // --config
  const Verification* verification = nullptr;  // null: no key set was given
};

std::vector<Check> check(const Jwt& jwt, const Options& o);

// The IdP a token comes from (config first, else guessed from `iss`): entra, okta, ...
std::string provider_of(const Jwt& jwt, const Config* config);

// "2026-11-22 10:00:00 UTC" and "in 45 minutes" / "3 hours ago".
std::string utc(long long t);
std::string relative(long long t, long long now);
// --now: 2026-11-22T10:00:00Z, with an optional offset or fraction, or a bare date.
std::optional<long long> parse_instant(std::string_view text);

}  // namespace od::token
