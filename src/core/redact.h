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

// Replaces each of `secrets` (values we hold: client secrets, Basic credentials) wherever it
// occurs, raw or form-encoded, by `marker`. Values under 4 characters are left alone: too short
// to replace safely (such a secret is never sent).
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets,
                          std::string_view marker = "[redacted]");

// True when `name` is a parameter/field/header name whose value is secret
// (client_secret, code, password, refresh_token, id_token, access_token, assertion, cookie ...).
bool is_secret_name(std::string_view name);

}  // namespace od
