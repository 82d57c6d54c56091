// Public keys (a JWKS document, one JWK, or a PEM key or certificate) and JWS signature
// verification with OpenSSL 3: RS256/384/512, PS256/384/512, ES256/384/512, EdDSA.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "net/transport.h"
#include "token/jwt.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace od::token {

struct Key {
  std::string kid, kty, alg, crv;
  std::shared_ptr<EVP_PKEY> pkey;  // null when the JWK could not be turned into a key
  std::string problem;             // why not, for the report
};

struct KeySet {
  std::string source;  // file or URL, for messages
  std::vector<Key> keys;
};

// Parses `text` read from `source`. Accepts {"keys": [...]}, a single JWK, or PEM (public key or
// certificate). A discovery document or anything else is an Error saying what was expected.
Expected<KeySet> parse_keys(std::string_view text, const std::string& source);

struct Verification {
  enum class Status { Verified, Invalid, NoKey, Unsupported, Unsigned };
  Status status = Status::NoKey;
  std::string kid;     // the key that verified (or was tried)
  std::string detail;  // one phrase for the report
};

Verification verify(const Jwt& jwt, const KeySet& keys);

// GET over http(s) with libcurl, only for a JWKS URL given on the command line: 10 s, 1 MiB,
// redirects not followed, the usual proxy variables honoured.
// The key set at `url`, fetched through the one HTTP client (net/transport.h): same TLS checks,
// size cap and redirect policy as preflight. The first form uses a live curl transport.
Expected<std::string> fetch(const std::string& url, Transport& net);
Expected<std::string> fetch(const std::string& url);

}  // namespace od::token
