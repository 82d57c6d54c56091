#include "diagnose/emitted.h"

#include <re2/re2.h>

#include <algorithm>
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
// A value of one word (UAA's and Auth0's "unauthorized") counts only in the two carriers that
// hold nothing but the error value: a JSON "error" member and an error= query parameter; after a
// log field's "error=" a single word is the start of a message ("error=oauth2: cannot fetch").
std::vector<Found> oauth_error_fields(std::string_view text) {
  static const RE2 re(
      R"re((?i)(?:[?&#]error=|"error"\s*:\s*"|\berror[ _]?code"?\s*[:=]\s*"?|\berror\s*[:=]\s*"?)([a-z][a-z0-9]*(?:_[a-z0-9]+)+))re");
  static const RE2 word(R"re((?:[?&#]error=|"error"\s*:\s*\\?")([a-z]{4,})(?:[&#"\\]|$))re");
  auto out = find_all(text, re);
  constexpr std::string_view kNoCode[] = {"true", "false", "null", "none", "undefined", "error"};
  for (auto& f : find_all(text, word))
    if (std::find(std::begin(kNoCode), std::end(kNoCode), f.code) == std::end(kNoCode) &&
        std::none_of(out.begin(), out.end(), [&](const Found& o) { return o.at == f.at; }))
      out.push_back(f);
  return out;
}

// Error values registered for OAuth 2.0 and OpenID Connect (RFC 6749, 6750, 7591, 8628, 9126,
// OIDC Core 3.1.2.6) and the de facto redirect_uri_mismatch, when they stand alone in the text.
std::vector<Found> registered_errors(std::string_view text) {
  static const RE2 re(
      R"re(\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|access_denied|unsupported_response_type|server_error|temporarily_unavailable|interaction_required|login_required|account_selection_required|consent_required|invalid_request_uri|invalid_request_object|request_not_supported|request_uri_not_supported|registration_not_supported|invalid_token|insufficient_scope|invalid_redirect_uri|invalid_client_metadata|authorization_pending|slow_down|expired_token|redirect_uri_mismatch|invalid_dpop_proof|use_dpop_nonce)\b)re");
  return find_all(text, re);
}

// Exception types that carry another error rather than name one: the runtime's and HTTP
// clients' general types, and an SDK's one type for everything its service answers.
bool carrier(std::string_view name) {
  constexpr std::string_view kCarriers[] = {"AggregateException",
                                            "AggregateError",
                                            "HttpRequestException",
                                            "IOException",
                                            "InvalidOperationException",
                                            "RuntimeException",
                                            "IllegalStateException",
                                            "IllegalArgumentException",
                                            "TypeError",
                                            "FetchError",
                                            "RequestError",
                                            "BadRequestError",
                                            "HTTPError",
                                            "HttpError",
                                            "APIException",
                                            "ApiException",
                                            "UnhandledPromiseRejectionWarning",
                                            "TokenAcquisitionError",
                                            "AuthenticationFailureException"};
  constexpr std::string_view kCarrierSuffixes[] = {"ClientException", "ProviderException", "ServiceException",
                                                   "RequestException", "HttpException"};
  if (std::find(std::begin(kCarriers), std::end(kCarriers), name) != std::end(kCarriers)) return true;
  for (auto suffix : kCarrierSuffixes)
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) return true;
  return false;
}

// SDK exception names (NotAuthorizedException, MsalUiRequiredException...). `carriers`: also
// the general types (see carrier()) and JavaScript error classes (RPError, OAuthCallbackError),
// which name the library's kind of failure rather than the error; otherwise only the service's
// own exception types, which are its error codes (AWS's NotAuthorizedException).
std::vector<Found> exception_names(std::string_view text, bool carriers) {
  static const RE2 re(R"re(\b([A-Z][A-Za-z0-9]*(?:Exception|Error))\b)re");
  std::vector<Found> out;
  for (auto& f : find_all(text, re)) {
    if (f.code == "Error" || f.code == "Exception") continue;
    bool js_class = f.code.size() > 5 && f.code.compare(f.code.size() - 5, 5, "Error") == 0;
    if (carriers || (!carrier(f.code) && !js_class)) out.push_back(f);
  }
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

// Code-shaped names the entry's own wording and patterns spell out: an SDK's error type
// (InvalidCheck, NotAuthorizedException), an errno-style constant (ECONNREFUSED,
// UNABLE_TO_VERIFY_LEAF_SIGNATURE). Parameter names in snake case (redirect_uri) are not codes.
std::vector<std::string> entry_names(const catalogue::Entry& e) {
  std::vector<std::string> out;
  auto scan = [&](std::string_view s, bool regex) {
    std::string word;
    auto flush = [&] {
      size_t upper = 0, lower = 0;
      for (char c : word) {
        upper += std::isupper(static_cast<unsigned char>(c)) != 0;
        lower += std::islower(static_cast<unsigned char>(c)) != 0;
      }
      bool camel = word.size() >= 6 && std::isupper(static_cast<unsigned char>(word[0])) && upper >= 2 && lower > 0 &&
                   word.find('_') == std::string::npos;
      bool constant = word.size() >= 6 && lower == 0 && upper >= 4 && std::isupper(static_cast<unsigned char>(word[0]));
      if ((camel || constant) && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
      word.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (regex && c == '\\') {  // an escape (\b, \s, \.) ends a word and is no part of one
        flush();
        ++i;
        continue;
      }
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
        word += c;
      else if (c == ':' && i + 1 < s.size() && s[i + 1] == ':')
        word.clear();  // a namespace (OpenIDConnect::Discovery::), not the type that follows it
      else
        flush();
    }
    flush();
  };
  scan(e.wording, false);
  for (auto p : e.patterns) scan(p, true);
  return out;
}

std::optional<Found> named_by_entry(std::string_view text, const catalogue::Entry* e) {
  if (!e) return std::nullopt;
  for (auto& name : entry_names(*e))
    for (size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1))
      if (word_at(text, p, name.size())) return Found{name, p};
  return std::nullopt;
}

// The message itself when the entry has no code of its own ("Correlation failed.", "Invalid
// redirect_uri", "i/o timeout"): the text the entry matched, as the user sees it, cut at the
// end of its line and at a word boundary when long, without separators at its edges.
std::optional<std::string> matched_message(std::string_view text, size_t begin, size_t end) {
  if (begin >= end || end > text.size()) return std::nullopt;
  std::string_view m = text.substr(begin, end - begin);
  if (size_t nl = m.find_first_of("\r\n"); nl != std::string_view::npos) m = m.substr(0, nl);
  constexpr size_t kMax = 100;
  if (m.size() > kMax) {
    size_t cut = m.rfind(' ', kMax);
    m = m.substr(0, cut == std::string_view::npos || cut == 0 ? kMax : cut);
  }
  auto edge = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == ':' || c == ',' || c == ';' || c == '(' || c == '"' ||
           c == '\'' || c == '-' || c == '[';
  };
  while (!m.empty() && edge(m.back())) m.remove_suffix(1);
  while (!m.empty() && (edge(m.front()) || m.front() == ')' || m.front() == ']')) m.remove_prefix(1);
  // "state mismatch, expected": a trailing word that introduces the values the message goes on
  // to quote is no part of the message.
  for (std::string_view intro : {", expected", ", got", ", but", ", received"})
    if (m.size() > intro.size() + 3 && m.substr(m.size() - intro.size()) == intro) m.remove_suffix(intro.size());
  // "Error: state mismatch": the word that introduces a message is no part of it.
  for (std::string_view intro : {"Error: ", "error: ", "Exception: "})
    if (m.size() > intro.size() + 3 && m.substr(0, intro.size()) == intro) m.remove_prefix(intro.size());
  if (m.size() < 3) return std::nullopt;
  std::string out(m);
  // The sentence's full stop when the pattern stopped just before it ("State cookie was missing.").
  size_t after = static_cast<size_t>(m.data() - text.data()) + m.size();
  if (after < text.size() && text[after] == '.' &&
      (after + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[after + 1])) ||
       text[after + 1] == '"' || text[after + 1] == '\''))
    out += '.';
  return out;
}

bool bare_status(std::string_view code) {
  return code.size() == 3 && std::isdigit(static_cast<unsigned char>(code[0])) &&
         std::isdigit(static_cast<unsigned char>(code[1])) && std::isdigit(static_cast<unsigned char>(code[2]));
}

}  // namespace

namespace {
std::optional<std::string> search(std::string_view text, size_t begin, size_t end, std::string_view code,
                                  const catalogue::Entry* entry) {
  if (auto f = own_token(text, code)) return f->code;
  if (auto f = nearest(family_codes(text), begin, end)) return f->code;
  if (auto f = nearest(oauth_error_fields(text), begin, end)) return f->code;
  if (auto f = nearest(registered_errors(text), begin, end)) return f->code;
  if (auto f = nearest(exception_names(text, false), begin, end)) return f->code;
  if (auto f = named_by_entry(text, entry)) return f->code;
  return std::nullopt;
}
}  // namespace

std::string emitted_code(std::string_view text, size_t begin, size_t end, std::string_view code,
                         std::string_view around, std::string_view wider) {
  const catalogue::Entry* entry = catalogue::find(code);
  // The line the entry matched first; then the rest of what was pasted with it (an error page
  // puts "Error: invalid_client" on the line above the description that was recognised), then
  // the lines around it (a console's view of a JSON body puts every member on lines of its own).
  if (auto f = search(text, begin, end, code, entry)) return *f;
  for (std::string_view more : {around, wider})
    if (!more.empty())
      if (auto f = search(more, 0, 0, code, entry)) return *f;
  std::string_view plain = code.substr(code.find(':') == std::string_view::npos ? 0 : code.find(':') + 1);
  if (bare_status(plain) || code.find(':') == std::string_view::npos) return std::string(plain);
  // An entry named by us (okta:..., aspnet:...): the message as written, before any SDK
  // exception type that merely carried it (AggregateException, RequestError).
  if (entry)
    if (auto m = matched_message(text, begin, end)) return *m;
  if (auto f = nearest(exception_names(text, true), begin, end)) return f->code;
  return std::string(code);
}

}  // namespace od::diagnose
