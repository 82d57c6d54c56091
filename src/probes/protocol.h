// Small protocol helpers preflight and the probe rules share: what a discovery URL implies,
// which URLs may be contacted, origins, content types, and the random values a request carries.
#pragma once
#include <string>
#include <string_view>

namespace od::probes {

// The issuer a discovery URL stands for (the URL without /.well-known/openid-configuration),
// or "" when the URL does not end that way.
std::string expected_issuer(std::string_view metadata_url);
// Plain http to a host that is not loopback: never sent.
bool insecure_http(std::string_view url);
// An absolute http(s) URL we may send a probe to.
bool usable_endpoint(std::string_view url);
// scheme://host:port with the host lower-cased and the port explicit.
std::string origin_of(std::string_view url);
// host:port (explicit port), or the URL itself when it does not parse.
std::string host_port(std::string_view url);
// application/json or any +json type, parameters ignored.
bool is_json_content_type(std::string_view content_type);

// `bytes` random bytes, base64url (state, nonce, PKCE verifier, bogus code).
std::string random_token(size_t bytes = 24);
// The PKCE S256 challenge of a verifier.
std::string s256(const std::string& verifier);

}  // namespace od::probes
