// Redaction of secrets in text we echo or record: JWTs, client secrets, authorization codes,
// bearer/basic credentials, cookies and passwords. Used by every output path that repeats
// user input (diagnose evidence, preflight recordings), so a secret never appears in full.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace od {

// Returns text with every recognised secret replaced by a marker that keeps a short,
// non-reversible hint (e.g. "eyJhbGciOi…[JWT redacted]") so users can still tell values apart.
std::string redact(std::string_view text);

// Only the password part of credentials written into URLs (http://user:pass@proxy:3128 becomes
// http://user:[redacted]@proxy:3128). Every finding's text and every recording passes through it.
std::string redact_url_credentials(std::string_view text);

// Every spelling of `secret` that an echo, a page or a document may carry: raw; form- and
// percent-encoded (either hex case, space as %20 or +, encodeURIComponent's safe set); JSON- and
// YAML-escaped (with \/ and \uXXXX variants, YAML's single-quoted ''); HTML-escaped; base64 and
// base64url with and without padding. Longest first, without repeats.
std::vector<std::string> secret_spellings(std::string_view secret);
// The Basic credentials a client sends for (client_id, secret): base64 of `id:secret` raw and
// form-encoded (RFC 6749 2.3.1), in both alphabets, with and without padding. Pass them to
// scrub_secrets next to the secret: a server that echoes the header echoes these.
std::vector<std::string> basic_credentials(std::string_view client_id, std::string_view secret);

// Replaces each of `secrets` (values we hold: client secrets, Basic credentials) wherever any of
// its spellings (secret_spellings) occurs, by `marker`. Values under 4 characters are left
// alone: too short to replace safely (such a secret is never sent).
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets,
                          std::string_view marker = "[redacted]");

// True when `name` is a parameter/field/header name whose value is secret
// (client_secret, code, password, refresh_token, id_token, access_token, assertion, cookie ...).
bool is_secret_name(std::string_view name);
// True for a claim or member name that holds a credential: every is_secret_name, and any name
// that, case and separators aside, contains secret, password, passwd, api_key, apikey,
// private_key, access_key or credential (client_secret, db_password, X-Api-Key ...).
bool is_secret_claim_name(std::string_view name);

}  // namespace od
