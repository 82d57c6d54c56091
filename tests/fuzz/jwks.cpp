// A key set (inspect-token --jwks FILE): JWK/PEM parsing, key building, signature checks.
#include "token/jwks.h"
#include "app/inspect_token.h"
#include "core/encoding.h"
#include "fuzz.h"
#include "token/jwt.h"

OD_FUZZ_TARGET(jwks) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto keys = od::token::parse_keys(text, "keys.json");
  if (!keys) {
    OD_FUZZ_CHECK(od::fuzz::one_line(keys.error().message));
    return 0;
  }
  // One token per algorithm family, each with a made-up signature: every key is tried.
  for (const char* alg : {"RS256", "PS384", "ES256", "ES512", "EdDSA", "HS256"}) {
    std::string header = std::string(R"({"alg":")") + alg + R"(","kid":"k1","typ":"JWT"})";
    std::string compact = od::base64url_encode(header) + "." +
                          od::base64url_encode(R"({"iss":"https://idp.example","exp":1900000000})") + "." +
                          od::base64url_encode(std::string(64, 'x'));
    auto jwt = od::token::decode({"token", compact});
    OD_FUZZ_CHECK(jwt.ok());
    auto v = od::token::verify(*jwt, *keys);
    OD_FUZZ_CHECK(v.status != od::token::Verification::Status::Verified);
  }
  od::app::InspectTokenOptions o;
  o.token =
      od::base64url_encode(R"({"alg":"RS256","kid":"k1"})") + "." + od::base64url_encode(R"({"exp":1})") + ".c2ln";
  o.jwks = od::fuzz::write_scratch("keys.json", text);
  o.format = "json";
  o.now = 1795000000;
  o.settings_dir = od::fuzz::scratch_dir();
  auto r = od::app::inspect_token(o);
  if (!r)
    OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
  else
    OD_FUZZ_CHECK(od::fuzz::valid_json(r->output));
  return 0;
}
