#include "core/redact.h"

#include "core/encoding.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
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

bool is_secret_claim_name(std::string_view name) {
  if (is_secret_name(name)) return true;
  std::string n = to_lower(name);
  for (char& c : n)
    if (c == '-' || c == ' ' || c == '.') c = '_';
  for (std::string_view part :
       {"secret", "password", "passwd", "api_key", "apikey", "private_key", "access_key", "credential"})
    if (n.find(part) != std::string::npos) return true;
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

namespace {

// JSON string content (also YAML's double-quoted style). `slash`: "/" as "\/" (PHP);
// `ascii`: every non-ASCII code point as \uXXXX (Python's json.dumps).
std::string json_escape(std::string_view s, bool slash, bool ascii) {
  std::string out;
  auto u = [&](unsigned cp) {
    char b[16];
    std::snprintf(b, sizeof b, "\\u%04x", cp);
    out += b;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '/': out += slash ? "\\/" : "/"; continue;
      default: break;
    }
    if (c < 0x20) {
      u(c);
    } else if (c >= 0x80 && ascii) {
      // Decode one UTF-8 sequence; an invalid byte is written as its own code point.
      int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
      unsigned cp = n == 3 ? c & 7 : n == 2 ? c & 15 : n == 1 ? c & 31 : c;
      if (i + n >= s.size()) n = 0, cp = c;
      for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 63);
      i += n;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        u(0xd800 + (cp >> 10));
        u(0xdc00 + (cp & 0x3ff));
      } else {
        u(cp);
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string yaml_single_quoted(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

std::string unpadded(std::string b64) {
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

void add_base64(std::vector<std::string>& out, std::string_view bytes) {
  std::string std64 = base64_encode(bytes);
  out.push_back(std64);
  out.push_back(unpadded(std64));
  out.push_back(base64url_encode(bytes));
}

std::vector<std::string> longest_first(std::vector<std::string> v) {
  std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::erase_if(v, [](const std::string& x) { return x.empty(); });
  return v;
}

}  // namespace

std::vector<std::string> secret_spellings(std::string_view secret) {
  std::vector<std::string> out{std::string(secret), form_encode(secret)};
  for (bool plus : {false, true})
    for (bool lower : {false, true}) {
      out.push_back(percent_encode(secret, "-._~", plus, lower));
      out.push_back(percent_encode(secret, "-._~!*'()", plus, lower));  // encodeURIComponent
    }
  for (bool slash : {false, true})
    for (bool ascii : {false, true}) out.push_back(json_escape(secret, slash, ascii));
  out.push_back(yaml_single_quoted(secret));
  out.push_back(html_escape(secret, Apostrophe::Decimal));
  out.push_back(html_escape(secret, Apostrophe::Hex));
  add_base64(out, secret);
  return longest_first(std::move(out));
}

std::vector<std::string> basic_credentials(std::string_view client_id, std::string_view secret) {
  std::vector<std::string> out;
  add_base64(out, std::string(client_id) + ":" + std::string(secret));
  add_base64(out, form_encode(client_id) + ":" + form_encode(secret));
  return longest_first(std::move(out));
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets, std::string_view marker) {
  // Every finding and recorded answer of a run is scrubbed of the same secrets: their spellings
  // are worked out once (about twenty encodings each), not once per text.
  thread_local std::vector<std::string> last_secrets, last_forms;
  if (secrets != last_secrets) {
    std::vector<std::string> forms;
    for (auto& secret : secrets) {
      if (secret.size() < 4) continue;
      for (auto& f : secret_spellings(secret))
        if (f.size() >= 4) forms.push_back(f);
    }
    // Longest first across all secrets, so a spelling that contains another goes whole.
    last_forms = longest_first(std::move(forms));
    last_secrets = secrets;
  }
  for (const std::string& form : last_forms)
    for (size_t p = text.find(form); p != std::string::npos; p = text.find(form, p + marker.size()))
      text.replace(p, form.size(), marker);
  return text;
}

}  // namespace od
