#include "diagnose/emitted.h"

#include <re2/re2.h>

#include <cctype>
#include <memory>
#include <optional>
#include <vector>

#include "catalogue/matcher.h"

namespace od::diagnose {

namespace {

struct Found {
  std::string code;
  size_t at = 0;
};

// Distance of a match from the matched span: 0 inside it.
size_t distance(size_t at, size_t begin, size_t end) { return at < begin ? begin - at : at > end ? at - end : 0; }

std::optional<Found> nearest(const std::vector<Found>& all, size_t begin, size_t end) {
  const Found* best = nullptr;
  for (auto& f : all)
    if (!best || distance(f.at, begin, end) < distance(best->at, begin, end)) best = &f;
  return best ? std::optional<Found>(*best) : std::nullopt;
}

std::vector<Found> find_all(std::string_view text, const RE2& re) {
  std::vector<Found> out;
  re2::StringPiece rest(text.data(), text.size()), group;
  while (RE2::FindAndConsume(&rest, re, &group))
    out.push_back({std::string(group), size_t(group.data() - text.data())});
  return out;
}

// Family codes (AADSTS50011, E0000011, MSIS9622, IDX10803...), from the catalogue's own family
// patterns: whatever number appears is the one emitted, catalogued or not.
std::vector<Found> family_codes(std::string_view text) {
  struct Compiled {
    std::unique_ptr<RE2> re;
    const catalogue::Family* family;
  };
  static const std::vector<Compiled> families = [] {
    std::vector<Compiled> v;
    for (auto& f : catalogue::families()) {
      // The family's number group inside a group for the whole code as written.
      auto re = std::make_unique<RE2>("(" + std::string(f.pattern) + ")");
      if (re->ok()) v.push_back({std::move(re), &f});
    }
    return v;
  }();
  std::vector<Found> out;
  for (auto& c : families) {
    re2::StringPiece rest(text.data(), text.size()), whole, number;
    while (RE2::FindAndConsume(&rest, *c.re, &whole, &number))
      out.push_back({catalogue::fill_family(c.family->code, std::string_view(number.data(), number.size())),
                     size_t(whole.data() - text.data())});
  }
  return out;
}

// The `error` member of an OAuth 2.0 error response (RFC 6749 4.1.2.1, 5.2) however it was
// carried: a query or fragment parameter, a JSON member, a log field, an error page's line.
std::vector<Found> oauth_error_fields(std::string_view text) {
  static const RE2 re(
      R"re((?i)(?:[?&#]error=|"error"\s*:\s*"|\berror[ _]?code\s*[:=]\s*"?|\berror\s*[:=]\s*"?)([a-z][a-z0-9]*(?:_[a-z0-9]+)+))re");
  return find_all(text, re);
}

// Error values registered for OAuth 2.0 and OpenID Connect (RFC 6749, 6750, 7591, 8628, 9126,
// OIDC Core 3.1.2.6) and the de facto redirect_uri_mismatch, when they stand alone in the text.
std::vector<Found> registered_errors(std::string_view text) {
  static const RE2 re(
      R"re(\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|access_denied|unsupported_response_type|server_error|temporarily_unavailable|interaction_required|login_required|account_selection_required|consent_required|invalid_request_uri|invalid_request_object|request_not_supported|request_uri_not_supported|registration_not_supported|invalid_token|insufficient_scope|invalid_redirect_uri|invalid_client_metadata|authorization_pending|slow_down|expired_token|redirect_uri_mismatch|invalid_dpop_proof|use_dpop_nonce)\b)re");
  return find_all(text, re);
}

// SDK exception names (NotAuthorizedException, MsalUiRequiredException...).
std::vector<Found> exception_names(std::string_view text) {
  static const RE2 re(R"re(\b([A-Z][A-Za-z0-9]*(?:Exception|Error))\b)re");
  std::vector<Found> out;
  for (auto& f : find_all(text, re))
    if (f.code != "Error" && f.code != "Exception") out.push_back(f);
  return out;
}

bool word_at(std::string_view text, size_t at, size_t len) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  return (at == 0 || !word(text[at - 1])) && (at + len >= text.size() || !word(text[at + len]));
}

// The catalogue code itself (AADSTS50012 when the text also holds AADSTS70002), or the error
// value inside a catalogue id ("interaction_in_progress" of msal:interaction_in_progress,
// "invalid_client" of okta:invalid_client-secret), when the text holds it as a word. Our own
// slugs (okta:...-secret, cognito:secret-hash) are names, not codes: only code-shaped tokens count.
std::optional<Found> own_token(std::string_view text, std::string_view code) {
  auto colon = code.find(':');
  std::string_view token = colon == std::string_view::npos ? code : code.substr(colon + 1);
  for (std::string_view t : {token, token.substr(0, token.find('-'))}) {
    bool code_shaped = colon == std::string_view::npos || t.find('_') != std::string_view::npos;
    if (t.size() < 4 || !code_shaped) continue;
    for (size_t p = text.find(t); p != std::string_view::npos; p = text.find(t, p + 1))
      if (word_at(text, p, t.size())) return Found{std::string(t), p};
  }
  return std::nullopt;
}

bool bare_status(std::string_view code) {
  return code.size() == 3 && std::isdigit(static_cast<unsigned char>(code[0])) &&
         std::isdigit(static_cast<unsigned char>(code[1])) && std::isdigit(static_cast<unsigned char>(code[2]));
}

}  // namespace

namespace {
std::optional<std::string> search(std::string_view text, size_t begin, size_t end, std::string_view code) {
  if (auto f = own_token(text, code)) return f->code;
  if (auto f = nearest(family_codes(text), begin, end)) return f->code;
  if (auto f = nearest(oauth_error_fields(text), begin, end)) return f->code;
  if (auto f = nearest(registered_errors(text), begin, end)) return f->code;
  if (auto f = nearest(exception_names(text), begin, end)) return f->code;
  return std::nullopt;
}
}  // namespace

std::string emitted_code(std::string_view text, size_t begin, size_t end, std::string_view code,
                         std::string_view around) {
  // The line the entry matched first; then the rest of what was pasted with it (an error page
  // puts "Error: invalid_client" on the line above the description that was recognised).
  if (auto f = search(text, begin, end, code)) return *f;
  if (!around.empty())
    if (auto f = search(around, 0, 0, code)) return *f;
  std::string_view plain = code.substr(code.find(':') == std::string_view::npos ? 0 : code.find(':') + 1);
  if (bare_status(plain) || code.find(':') == std::string_view::npos) return std::string(plain);
  return std::string(code);
}

}  // namespace od::diagnose
