#include "core/redact.h"

#include "core/encoding.h"

#include <re2/re2.h>

#include <array>
#include <memory>

#include "core/uri.h"

namespace od {

namespace {

constexpr std::string_view kSecretNames[] = {
    "client_secret", "code",       "code_verifier", "password",      "passwd",           "pwd",   "refresh_token",
    "access_token",  "id_token",   "subject_token", "assertion",     "client_assertion", "token", "secret",
    "cookie",        "set-cookie", "authorization", "session_state", "device_code",      "otp",   "samlresponse"};

// scheme://user:password@host: group 1 runs up to the password.
constexpr const char* kUrlCredentials = R"re(\b([a-z][a-z0-9+.-]*://[^/\s:@"'<>]*:)[^/\s@"'<>]+@)re";

struct Pattern {
  std::unique_ptr<RE2> re;
  std::string_view replacement;
};

const std::array<Pattern, 6>& patterns() {
  static const std::array<Pattern, 6> p = [] {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(false);
    return std::array<Pattern, 6>{{
        // Credentials inside a URL (a proxy address with user:password@): keep the user name.
        {std::make_unique<RE2>(kUrlCredentials, o), "\\1[redacted]@"},
        // A JWT or JWE: base64url header starting with eyJ, two or more dot-separated parts.
        {std::make_unique<RE2>(R"re((eyJ[A-Za-z0-9_-]{6})[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){1,4})re", o),
         "\\1…[JWT redacted]"},
        // Authorization: Bearer/Basic/Negotiate credentials.
        {std::make_unique<RE2>(R"re(\b(bearer|basic|negotiate)\s+[A-Za-z0-9._~+/=-]{8,})re", o), "\\1 [redacted]"},
        // name=value in queries, forms, logs: keep the name, drop the value.
        {std::make_unique<RE2>(
             R"re(\b((?:client_secret|code|code_verifier|password|passwd|pwd|refresh_token|access_token|id_token|subject_token|client_assertion|assertion|device_code|session_state|samlresponse)=)[^&\s"'<>]+)re",
             o),
         "\\1[redacted]"},
        // "name": "value" in JSON.
        {std::make_unique<RE2>(
             R"re(("(?:client_secret|code|code_verifier|password|refresh_token|access_token|id_token|subject_token|client_assertion|assertion|device_code|secret)"\s*:\s*")[^"]*")re",
             o),
         "\\1[redacted]\""},
        // Cookie and Set-Cookie header values.
        {std::make_unique<RE2>(R"re(\b((?:set-)?cookie\s*:\s*)[^\r\n]+)re", o), "\\1[redacted]"},
    }};
  }();
  return p;
}

}  // namespace

bool is_secret_name(std::string_view name) {
  for (auto n : kSecretNames)
    if (iequals(n, name)) return true;
  return false;
}

std::string redact(std::string_view text) {
  std::string out(text);
  for (auto& p : patterns()) RE2::GlobalReplace(&out, *p.re, std::string(p.replacement));
  return out;
}

std::string redact_url_credentials(std::string_view text) {
  std::string out(text);
  if (out.find("://") == std::string::npos) return out;
  static const RE2 re(kUrlCredentials, [] {
    RE2::Options o;
    o.set_case_sensitive(false);
    return o;
  }());
  RE2::GlobalReplace(&out, re, "\\1[redacted]@");
  return out;
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets, std::string_view marker) {
  for (auto& secret : secrets) {
    if (secret.size() < 4) continue;
    for (const std::string& form : {secret, form_encode(secret)})
      for (size_t p = text.find(form); p != std::string::npos; p = text.find(form, p + marker.size()))
        text.replace(p, form.size(), marker);
  }
  return text;
}

}  // namespace od
