#include "probes/classify.h"

#include <re2/re2.h>

#include <map>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/encoding.h"
#include "core/redact.h"
#include "core/uri.h"

namespace od::probes {

namespace {

std::string clip(std::string s, size_t max = 300) {
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  return s;
}

// The sentence starting at `pos`: up to a line break, quote, tag or ~300 characters.
std::string sentence_at(std::string_view text, size_t pos) {
  size_t end = text.find_first_of("\"<\r\n", pos);
  std::string s(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
  // Entra appends trace and correlation ids; they add nothing to a finding.
  for (std::string_view cut : {" Trace ID:", "\\r\\nTrace ID", " Correlation ID:"})
    if (auto c = s.find(cut); c != std::string::npos) s.resize(c);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\\')) s.pop_back();
  return clip(s);
}

// Finds the first of `needles` (case-insensitive) and returns the sentence there.
std::optional<std::string> find_words(std::string_view hay, const std::vector<std::string_view>& needles) {
  std::string lower = to_lower(hay);
  for (auto n : needles)
    if (auto p = lower.find(to_lower(n)); p != std::string::npos) return sentence_at(hay, p);
  return std::nullopt;
}

bool is_redirect_to(std::string_view location, std::string_view redirect_uri) {
  if (location.empty() || redirect_uri.empty() || !location.starts_with(redirect_uri)) return false;
  if (location.size() == redirect_uri.size()) return true;
  char next = location[redirect_uri.size()];
  return next == '?' || next == '#' || (next == '&' && redirect_uri.find('?') != std::string_view::npos);
}

std::string query_param(std::string_view url, std::string_view name) {
  size_t q = url.find_first_of("?#");
  if (q == std::string_view::npos) return "";
  std::string_view rest = url.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find_first_of("&#");
    std::string_view part = rest.substr(0, amp);
    if (auto eq = part.find('='); eq != std::string_view::npos && part.substr(0, eq) == name)
      return percent_decode(part.substr(eq + 1), true);
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return "";
}

// node-oidc-provider's error page lists "error: X" and "error_description: Y" lines.
std::pair<std::string, std::string> page_error(std::string_view text) {
  static const RE2 err(R"(\berror\s*:\s*([a-z_]+))");
  static const RE2 desc(R"(\berror_description\s*:\s*(.*?)(?:\s+(?:state|iss|error_uri)\s*:|$))");
  std::string e, d;
  RE2::PartialMatch(text, err, &e);
  RE2::PartialMatch(text, desc, &d);
  return {e, clip(d)};
}

struct Recogniser {
  Verdict verdict;
  std::vector<std::string_view> needles;
};

std::optional<AuthorizeResult> recognise(std::string_view dialect, std::string_view hay) {
  if (dialect == "entra") {
    static const RE2 code(R"(AADSTS(\d{5,7}))");
    std::string n;
    if (RE2::PartialMatch(hay, code, &n)) {
      size_t at = hay.find("AADSTS" + n);
      std::string words = sentence_at(hay, at);
      if (n == "50011" || n == "500113" || n == "90102" || n == "900971" || n == "9002325")
        return AuthorizeResult{n == "9002325" ? Verdict::Inconclusive : Verdict::Rejected, words};
      if (n == "700016") return AuthorizeResult{Verdict::ClientUnknown, words};
      return AuthorizeResult{Verdict::Inconclusive, "Entra answered with another error: " + words};
    }
    return std::nullopt;
  }
  static const std::map<std::string_view, std::vector<Recogniser>> kTable = {
      {"okta",
       {{Verdict::Rejected, {"must be a Login redirect URI"}},
        {Verdict::ClientUnknown, {"Invalid value for 'client_id' parameter", "Invalid value for &#x27;client_id&#x27;"}}}},
      // Keycloak before 21.1 showed the redirect_uri page for an unknown client id as well.
      {"keycloak",
       {{Verdict::ClientUnknown, {"Client not found"}}, {Verdict::Rejected, {"Invalid parameter: redirect_uri"}}}},
      {"auth0",
       {{Verdict::Rejected, {"Callback URL mismatch"}}, {Verdict::ClientUnknown, {"Unknown client", "invalid_client"}}}},
      {"google",
       {{Verdict::Rejected, {"redirect_uri_mismatch"}},
        {Verdict::ClientUnknown, {"The OAuth client was not found", "deleted_client", "Error 401: invalid_client"}}}},
      {"adfs", {{Verdict::Rejected, {"MSIS9224"}}, {Verdict::ClientUnknown, {"MSIS9223", "MSIS9607"}}}},
  };
  if (auto it = kTable.find(dialect); it != kTable.end())
    for (auto& r : it->second)
      if (auto w = find_words(hay, r.needles)) return AuthorizeResult{r.verdict, *w};
  return std::nullopt;
}

// Signs that the page is a login form, per provider: the request passed the client checks.
bool looks_like_login(std::string_view dialect, std::string_view body) {
  auto has = [&](std::initializer_list<std::string_view> marks) {
    for (auto m : marks)
      if (body.find(m) != std::string_view::npos) return true;
    return false;
  };
  if (dialect == "entra") return has({"\"urlPost\"", "Sign in to your account"});
  if (dialect == "keycloak") return has({"kc-form-login", "login-actions/authenticate"});
  if (dialect == "okta") return has({"OktaSignIn", "okta-sign-in"});
  if (dialect == "adfs") return has({"loginForm", "/adfs/ls/"});
  return has({"type=\"password\"", "type='password'", "name=\"password\""});
}

}  // namespace

std::string_view dialect_for(std::string_view kind) {
  for (std::string_view d : {"entra", "okta", "keycloak", "auth0", "google", "adfs"})
    if (kind == d) return d;
  return "generic";
}

std::string html_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool in_tag = false;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        if (!out.empty() && out.back() != ' ') out += ' ';
      }
      continue;
    }
    if (c == '<') {
      // Skip style and script bodies entirely.
      for (std::string_view skip : {"<style", "<script"}) {
        if (html.substr(i, skip.size()) == skip) {
          std::string close = "</" + std::string(skip.substr(1)) + ">";
          size_t end = html.find(close, i);
          i = end == std::string_view::npos ? html.size() : end + close.size() - 1;
          goto next;
        }
      }
      in_tag = true;
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"},
          {"&apos;", "'"}, {"&nbsp;", " "}, {"&#x2F;", "/"}, {"&#47;", "/"}};
      bool hit = false;
      for (auto& [e, r] : kEntities)
        if (html.substr(i, e.size()) == e) {
          out += r;
          i += e.size() - 1;
          hit = true;
          break;
        }
      if (hit) continue;
    }
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  next:;
  }
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

AuthorizeResult classify_authorize(std::string_view dialect, const HttpResponse& resp, std::string_view redirect_uri) {
  if (!resp.ok() && resp.failure != Failure::TooLarge)
    return {Verdict::Inconclusive, "the authorization endpoint did not answer: " + resp.error};
  const std::string location = resp.header("location");
  // An IdP only ever redirects to a registered URI, so landing there settles the question,
  // even with an error for something else (scope, PKCE policy).
  if (resp.status >= 300 && resp.status < 400 && is_redirect_to(location, redirect_uri)) {
    std::string err = query_param(location, "error");
    if (err.empty()) return {Verdict::Accepted, "redirected straight back to the redirect URI"};
    std::string desc = query_param(location, "error_description");
    return {Verdict::Accepted, "redirected back to the redirect URI with " + err + (desc.empty() ? "" : ": " + clip(desc))};
  }
  const std::string text = html_text(resp.body);
  // The visible text first; then the raw page, since Entra keeps its message in a script.
  const std::string hay = text + "\n" + resp.body + "\n" + percent_decode(location, true);
  if (auto r = recognise(dialect, hay)) return *r;
  // Wording every provider shares (RFC 6749 codes, node-oidc-provider's page).
  auto [err, desc] = page_error(text);
  if (err.empty()) err = query_param(location, "error"), desc = clip(query_param(location, "error_description"));
  auto said = [&] { return err + (desc.empty() ? "" : ": " + desc); };
  if (err == "invalid_redirect_uri" || err == "redirect_uri_mismatch") return {Verdict::Rejected, said()};
  if (err == "invalid_client" || (err == "unauthorized_client" && desc.find("client") != std::string::npos))
    return {Verdict::ClientUnknown, said()};
  if (auto w = find_words(hay, {"redirect_uri did not match", "redirect_uri_mismatch", "invalid redirect_uri"}))
    return {Verdict::Rejected, *w};
  if (!err.empty()) return {Verdict::Inconclusive, "the IdP answered " + said()};
  if (resp.status >= 300 && resp.status < 400 && !location.empty()) {
    std::string lower = to_lower(location);
    if (lower.find("error") == std::string::npos)
      return {Verdict::Accepted, "redirected to the sign-in page (" + clip(location, 120) + ")"};
    return {Verdict::Inconclusive, "redirected to an error page we do not recognise: " + clip(location, 160)};
  }
  if (resp.status == 200 && looks_like_login(dialect, resp.body))
    return {Verdict::Accepted, "the sign-in page was shown"};
  std::string excerpt = clip(text, 160);
  return {Verdict::Inconclusive, "HTTP " + std::to_string(resp.status) + " with a page we do not recognise" +
                                     (excerpt.empty() ? "" : ": \"" + excerpt + "\"")};
}

SecretResult classify_token(std::string_view dialect, const HttpResponse& resp) {
  if (!resp.ok()) return {SecretVerdict::Inconclusive, "the token endpoint did not answer: " + resp.error};
  nlohmann::json j = nlohmann::json::parse(resp.body, nullptr, false);
  std::string error, desc;
  if (j.is_object()) {
    if (j.contains("error") && j["error"].is_string()) error = j["error"];
    if (j.contains("error_description") && j["error_description"].is_string()) desc = j["error_description"];
  }
  std::string said = redact(error + (desc.empty() ? "" : ": " + sentence_at(desc, 0)));
  static const RE2 aadsts(R"(AADSTS(\d{5,7}))");
  std::string code;
  if (RE2::PartialMatch(desc, aadsts, &code)) {
    if (code == "7000215") return {SecretVerdict::Invalid, said};
    if (code == "7000222") return {SecretVerdict::Expired, said};
    if (code == "700016") return {SecretVerdict::ClientUnknown, said};
    // A code Entra finds malformed may be refused before the secret is looked at.
    if (code == "9002313") return {SecretVerdict::Inconclusive, said + " (the bogus code was refused before the secret was checked)"};
  }
  if (error == "invalid_grant") return {SecretVerdict::Accepted, said};
  if (error == "invalid_client") {
    if (dialect == "google" && desc.find("not found") != std::string::npos) return {SecretVerdict::ClientUnknown, said};
    return {SecretVerdict::Invalid, said};
  }
  if (error == "unauthorized_client" &&
      (desc.find("Invalid client") != std::string::npos || desc.find("client credentials") != std::string::npos))
    return {SecretVerdict::Invalid, said};
  if (dialect == "auth0" && error == "access_denied" && desc == "Unauthorized") return {SecretVerdict::Invalid, said};
  if (!error.empty()) return {SecretVerdict::Inconclusive, "HTTP " + std::to_string(resp.status) + " " + said};
  return {SecretVerdict::Inconclusive,
          "HTTP " + std::to_string(resp.status) + " without an OAuth error" +
              (resp.body.empty() ? "" : ": \"" + clip(redact(html_text(resp.body)), 120) + "\"")};
}

}  // namespace od::probes
