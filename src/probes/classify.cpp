#include "probes/classify.h"

#include <re2/re2.h>

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalogue/matcher.h"
#include "core/encoding.h"
#include "core/json.h"
#include "core/redact.h"
#include "core/text.h"
#include "core/uri.h"
#include "providers/provider.h"

namespace od::probes {

namespace {

// The sentence starting at `pos`: up to a line break, quote, tag or ~300 characters.
std::string sentence_at(std::string_view text, size_t pos) {
  size_t end = text.find_first_of("\"<\r\n", pos);
  std::string s(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
  // Trace and correlation ids some providers append add nothing to a finding.
  for (std::string_view cut : {" Trace ID:", "\\r\\nTrace ID", " Correlation ID:"})
    if (auto c = s.find(cut); c != std::string::npos) s.resize(c);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\\')) s.pop_back();
  return clip(s, 300);
}

// What the catalogue recognised in an answer.
struct Recognised {
  const catalogue::Entry* entry = nullptr;  // null for a family code the catalogue lacks
  std::string code;
  std::string_view category;  // "unknown" for an uncatalogued family code
  std::string words;          // the sentence where the match starts
  bool own = false;           // an entry of the client's provider, not a generic one
};

// Entries of the client's provider first, then generic (protocol) ones; within a tier the
// earliest of `texts`, then the longest matched text, then the earliest position. Other providers' entries, client
// libraries and bare HTTP status lines say nothing about this answer.
std::optional<Recognised> recognise(std::string_view kind, std::initializer_list<std::string_view> texts) {
  const auto& matcher = catalogue::Matcher::get();
  std::optional<Recognised> best;
  int best_tier = 0;
  size_t best_length = 0, best_text = 0, index = 0;
  for (std::string_view text : texts) {
    ++index;
    if (text.empty()) continue;
    for (auto& h : matcher.match(text)) {
      std::string_view provider = h.entry ? h.entry->provider : h.family->provider;
      bool status_line = h.entry && provider == "generic" && !h.entry->code.empty() &&
                         h.entry->code.find_first_not_of("0123456789") == std::string_view::npos;
      int tier = provider == "generic" ? (status_line ? 0 : 1) : provider == kind ? 2 : 0;
      if (tier == 0 || tier < best_tier || (tier == best_tier && (best_text < index || h.length() <= best_length)))
        continue;
      best_tier = tier;
      best_length = h.length();
      best_text = index;
      best = Recognised{h.entry, h.code, h.entry ? h.entry->category : std::string_view("unknown"),
                        sentence_at(text, h.begin), tier == 2};
    }
  }
  return best;
}

std::optional<Verdict> authorize_verdict(std::string_view category) {
  if (category == "redirect-uri-mismatch" || category == "redirect-uri-missing" || category == "redirect-uri-invalid")
    return Verdict::Rejected;
  if (category == "client-not-found" || category == "client-disabled") return Verdict::ClientUnknown;
  return std::nullopt;
}

std::optional<SecretVerdict> token_verdict(std::string_view category) {
  if (category == "client-secret-invalid") return SecretVerdict::Invalid;
  if (category == "client-secret-expired") return SecretVerdict::Expired;
  if (category == "client-not-found" || category == "client-disabled") return SecretVerdict::ClientUnknown;
  if (category == "grant-invalid") return SecretVerdict::Accepted;  // the secret passed; the bogus code did not
  return std::nullopt;
}

// "<words> (<code>: <title>)", naming the entry unless the words already quote its code.
std::string with_code(const std::string& words, const Recognised& r) {
  std::string title = r.entry ? std::string(r.entry->title) : "not in the catalogue";
  if (words.find(r.code) != std::string::npos) return words + " (" + title + ")";
  return words + " (" + r.code + ": " + title + ")";
}

bool has_any(std::string_view body, std::span<const std::string_view> marks) {
  for (auto m : marks)
    if (body.find(m) != std::string_view::npos) return true;
  return false;
}

}  // namespace

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

// An error page that lists the RFC 6749 fields as "error: X" and "error_description: Y"
// (node-oidc-provider's default page does).
std::pair<std::string, std::string> page_error(std::string_view text) {
  static const RE2 err(R"(\berror\s*:\s*([a-z_]+))");
  static const RE2 desc(R"(\berror_description\s*:\s*(.*?)(?:\s+(?:state|iss|error_uri)\s*:|$))");
  std::string e, d;
  RE2::PartialMatch(text, err, &e);
  RE2::PartialMatch(text, desc, &d);
  return {e, clip(d, 300)};
}

std::string page_text(std::string_view body) { return collapse_whitespace(html_to_text(body)); }

bool is_code_refusal(std::string_view error) { return error == "invalid_grant"; }

namespace {
AuthorizeResult read_authorize(std::string_view kind, const HttpResponse& resp, std::string_view redirect_uri,
                               bool wordings) {
  if (!resp.ok() && resp.failure != Failure::TooLarge)
    return {Verdict::Inconclusive, "the authorization endpoint did not answer: " + resp.error};
  const std::string location = resp.header("location");
  // An IdP only ever redirects to a registered URI, so landing there settles the question,
  // even with an error for something else (scope, PKCE policy).
  if (resp.status >= 300 && resp.status < 400 && is_redirect_to(location, redirect_uri)) {
    std::string err = query_param(location, "error");
    if (err.empty()) return {Verdict::Accepted, "redirected straight back to the redirect URI"};
    std::string desc = query_param(location, "error_description");
    return {Verdict::Accepted,
            "redirected back to the redirect URI with " + err + (desc.empty() ? "" : ": " + clip(desc, 300))};
  }
  const std::string text = page_text(resp.body);
  // The visible text first; then the raw page (some providers keep the message in a script).
  const std::string decoded_location = percent_decode(location, true);
  auto found = wordings ? recognise(kind, {text, resp.body, decoded_location}) : std::nullopt;
  if (found && found->own) {
    if (auto v = authorize_verdict(found->category)) return {*v, found->words, found->entry};
    return {
        Verdict::Inconclusive,
        std::string(providers::info(kind).display) + " answered with another error: " + with_code(found->words, *found),
        found->entry};
  }
  // The RFC 6749 fields, on the page or in a redirect to an error page.
  // (Named variables, not a structured binding: clang 14 cannot capture those in a lambda.)
  auto page_fields = page_error(text);
  std::string err = std::move(page_fields.first), desc = std::move(page_fields.second);
  if (err.empty()) err = query_param(location, "error"), desc = clip(query_param(location, "error_description"), 300);
  // Quoted in a one-line verdict: a line break in the fields (%0A in a redirect) must not split it.
  err = collapse_whitespace(err), desc = collapse_whitespace(desc);
  auto said = [&] { return err + (desc.empty() ? "" : ": " + desc); };
  if (!err.empty()) {
    auto fields = wordings ? recognise(kind, {said()}) : std::nullopt;
    if (fields)
      if (auto v = authorize_verdict(fields->category)) return {*v, said(), fields->entry};
    // The authorization endpoint takes no secret: a client error there is about the client id.
    if (err == "invalid_client" || (err == "unauthorized_client" && desc.find("client") != std::string::npos))
      return {Verdict::ClientUnknown, said(), fields ? fields->entry : nullptr};
  }
  if (found)
    if (auto v = authorize_verdict(found->category)) return {*v, found->words, found->entry};
  if (!err.empty()) return {Verdict::Inconclusive, "the IdP answered " + said(), found ? found->entry : nullptr};
  if (resp.status >= 300 && resp.status < 400 && !location.empty()) {
    std::string lower = to_lower(location);
    if (lower.find("error") == std::string::npos)
      return {Verdict::Accepted, "redirected to the sign-in page (" + clip(location, 120) + ")"};
    return {Verdict::Inconclusive, "redirected to an error page we do not recognise: " + clip(location, 160)};
  }
  if (wordings && resp.status == 200 && has_any(resp.body, providers::info(kind).login_markers))
    return {Verdict::Accepted, "the sign-in page was shown"};
  std::string excerpt = clip(text, 160);
  return {Verdict::Inconclusive, "HTTP " + std::to_string(resp.status) + " with a page we do not recognise" +
                                     (excerpt.empty() ? "" : ": \"" + excerpt + "\"")};
}

SecretResult read_token(std::string_view kind, const HttpResponse& resp, bool wordings) {
  if (!resp.ok()) return {SecretVerdict::Inconclusive, "the token endpoint did not answer: " + resp.error};
  nlohmann::json j = try_parse_json(resp.body);
  std::string error, desc;
  if (j.is_object()) {
    // Fields quoted in a one-line verdict: a "\r\n" inside the JSON strings must not split it.
    if (auto* e = json_string_ptr(j, "error")) error = collapse_whitespace(*e);
    if (auto* d = json_string_ptr(j, "error_description")) desc = collapse_whitespace(*d);
  }
  const std::string fields = error + (desc.empty() ? "" : ": " + desc);
  std::string said = redact(error + (desc.empty() ? "" : ": " + sentence_at(desc, 0)));
  auto found = wordings ? recognise(kind, {fields, error.empty() ? std::string_view(resp.body) : std::string_view()})
                        : std::nullopt;
  if (found) {
    if (auto v = token_verdict(found->category)) return {*v, said.empty() ? redact(found->words) : said, found->entry};
    if (found->own) {
      std::string words = said.empty() ? redact(found->words) : said;
      // A malformed-request answer to a well-formed exchange: the made-up code failed a format check.
      if (found->category == "invalid-request")
        return {SecretVerdict::Inconclusive, words + " (the bogus code was refused before the secret was checked)",
                found->entry};
      return {SecretVerdict::Inconclusive, with_code(words, *found), found->entry};
    }
  }
  // RFC 6749 5.2: invalid_grant is about the grant (here the made-up code), which the server reads
  // only once the client has authenticated. A provider's own name for it (Glewlwyd's invalid_code)
  // is a catalogue entry of category grant-invalid, read above.
  if (is_code_refusal(error)) return {SecretVerdict::Accepted, said, found ? found->entry : nullptr};
  if (!error.empty())
    return {SecretVerdict::Inconclusive, "HTTP " + std::to_string(resp.status) + " " + said,
            found ? found->entry : nullptr};
  return {SecretVerdict::Inconclusive,
          "HTTP " + std::to_string(resp.status) + " without an OAuth error" +
              (resp.body.empty() ? "" : ": \"" + clip(redact(page_text(resp.body)), 120) + "\"")};
}

}  // namespace

// A verdict is one line whatever the IdP sent: the words a catalogue pattern matched in a raw
// body, or the fields of a redirect or JSON error, can hold line breaks.
AuthorizeResult classify_authorize(std::string_view kind, const HttpResponse& resp, std::string_view redirect_uri,
                                   bool wordings) {
  AuthorizeResult r = read_authorize(kind, resp, redirect_uri, wordings);
  r.detail = collapse_whitespace(r.detail);
  if (r.detail.empty()) r.detail = "HTTP " + std::to_string(resp.status) + " from the authorization endpoint";
  return r;
}

SecretResult classify_token(std::string_view kind, const HttpResponse& resp, bool wordings) {
  SecretResult r = read_token(kind, resp, wordings);
  r.detail = collapse_whitespace(r.detail);
  // A catalogue match on a body that is only blanks or markup leaves no words to quote.
  if (r.detail.empty()) r.detail = "HTTP " + std::to_string(resp.status) + " from the token endpoint";
  return r;
}

std::string inconclusive_hint(std::string_view kind) {
  const providers::ProviderInfo& p = providers::info(kind);
  if (p.inconclusive_note.empty()) return "";
  std::vector<std::string> codes;
  for (auto& h : p.inconclusive_hints)
    for (const catalogue::Entry* e : catalogue::predicted(p.kind, h.category)) {
      codes.push_back(std::string(e->code) + ": " + std::string(h.about));
      break;
    }
  return "; " + std::string(p.inconclusive_note) + (codes.empty() ? "" : " (" + join(codes, ", ") + ")");
}

std::string rejected_secret_hint(const SecretResult& r) {
  // The lint rule that catches a secret shaped like its own id (OD2402) is linked, as a cause,
  // from the entries whose wording says so.
  if (r.entry && r.entry->provider != "generic")
    for (auto links : {r.entry->rules, r.entry->caused_by})
      for (auto rule : links)
        if (rule == "OD2402") return "; the secret's ID was probably pasted instead of its value";
  if (r.detail.starts_with("invalid_client")) return "; some IdPs answer this way for an unknown client id too";
  return "";
}

}  // namespace od::probes
