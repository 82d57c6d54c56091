#include "core/redact.h"

#include "core/encoding.h"

#include <re2/re2.h>

#include <array>
#include <memory>
#include <mutex>

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
  const char* source;
  std::string_view replacement;
  // Literals (lower case) of which every match holds one: a text without any of them is left
  // alone without compiling the pattern (a pasted error rarely holds a token or a cookie).
  std::array<std::string_view, 3> needs;
};

constexpr std::array<Pattern, 6> kPatterns{{
    // Credentials inside a URL (a proxy address with user:password@): keep the user name.
    {kUrlCredentials, "\\1[redacted]@", {"://"}},
    // A JWT or JWE: base64url header starting with eyJ, two or more dot-separated parts.
    {R"re((eyJ[A-Za-z0-9_-]{6})[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){1,4})re", "\\1…[JWT redacted]", {"eyj"}},
    // Authorization: Bearer/Basic/Negotiate credentials.
    {R"re(\b(bearer|basic|negotiate)\s+[A-Za-z0-9._~+/=-]{8,})re", "\\1 [redacted]", {"bearer", "basic", "negotiate"}},
    // name=value in queries, forms, logs: keep the name, drop the value.
    {R"re(\b((?:client_secret|code|code_verifier|password|passwd|pwd|refresh_token|access_token|id_token|subject_token|client_assertion|assertion|device_code|session_state|samlresponse)=)[^&\s"'<>]+)re",
     "\\1[redacted]",
     {"="}},
    // "name": "value" in JSON.
    {R"re(("(?:client_secret|code|code_verifier|password|refresh_token|access_token|id_token|subject_token|client_assertion|assertion|device_code|secret)"\s*:\s*")[^"]*")re",
     "\\1[redacted]\"",
     {"\""}},
    // Cookie and Set-Cookie header values.
    {R"re(\b((?:set-)?cookie\s*:\s*)[^\r\n]+)re", "\\1[redacted]", {"cookie"}},
}};

// Compiled on first use, each on its own (thread-safe: probes redact from several threads).
const RE2& compiled(size_t i) {
  static std::array<std::once_flag, kPatterns.size()> once;
  static std::array<std::unique_ptr<RE2>, kPatterns.size()> re;
  std::call_once(once[i], [i] {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(false);
    re[i] = std::make_unique<RE2>(kPatterns[i].source, o);
  });
  return *re[i];
}

}  // namespace

bool is_secret_name(std::string_view name) {
  for (auto n : kSecretNames)
    if (iequals(n, name)) return true;
  return false;
}

std::string redact(std::string_view text) {
  std::string out(text);
  std::string lowered(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  for (size_t i = 0; i < kPatterns.size(); ++i) {
    bool possible = false;
    for (auto need : kPatterns[i].needs)
      if (!need.empty() && lowered.find(need) != std::string::npos) possible = true;
    if (!possible) continue;
    RE2::GlobalReplace(&out, compiled(i), std::string(kPatterns[i].replacement));
    // Replacements only shorten or keep the text's literals: the later checks stay valid on
    // the original lower-cased text.
  }
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
