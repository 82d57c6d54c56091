// Redaction of secrets in text we echo or record: JWTs, client secrets, authorization codes,
// bearer/basic credentials, cookies and passwords. Used by every output path that repeats
// user input (diagnose evidence, preflight recordings), so a secret never appears in full.
#pragma once
#include <string>
#include <string_view>

namespace od {

// Returns text with every recognised secret replaced by a marker that keeps a short,
// non-reversible hint (e.g. "eyJhbGciOi…[JWT redacted]") so users can still tell values apart.
std::string redact(std::string_view text);

// True when `name` is a parameter/field/header name whose value is secret
// (client_secret, code, password, refresh_token, id_token, access_token, assertion, cookie ...).
bool is_secret_name(std::string_view name);

}  // namespace od
