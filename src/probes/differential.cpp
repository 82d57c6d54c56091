#include "probes/differential.h"

#include <re2/re2.h>

#include <cctype>

#include <nlohmann/json.hpp>

#include "core/json.h"
#include "core/text.h"

namespace od::probes {

namespace {

using Reading = Canary::Reading;

bool token_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// Each run of letters, digits, '_' and '-' that looks generated (a digit in it, or twelve or more
// characters mixing cases: ids, CSRF tokens, timestamps, ports) becomes a placeholder, as does
// every made-up canary name. Words stay.
std::string mask_tokens(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (!token_char(s[i])) {
      out += s[i++];
      continue;
    }
    size_t j = i;
    bool digit = false, upper = false, lower = false;
    for (; j < s.size() && token_char(s[j]); ++j) {
      auto c = static_cast<unsigned char>(s[j]);
      digit |= std::isdigit(c) != 0;
      upper |= std::isupper(c) != 0;
      lower |= std::islower(c) != 0;
    }
    std::string_view run = s.substr(i, j - i);
    if (run.starts_with(kCanaryPrefix))
      out += "{id}";
    else if (digit || (run.size() >= 12 && upper && lower))
      out += "{x}";
    else
      out += run;
    i = j;
  }
  return out;
}

// Absolute and percent-encoded URLs in a text: they repeat what the request named.
std::string mask_urls(std::string text) {
  static const RE2 url(R"([A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>]*)");
  static const RE2 encoded(R"([^\s"'<>]*%[0-9A-Fa-f]{2}[^\s"'<>]*)");
  RE2::GlobalReplace(&text, url, "{url}");
  RE2::GlobalReplace(&text, encoded, "{enc}");
  return text;
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
  if (what.size() < 3) return text;  // too short to tell from ordinary words
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + with.size()))
    text.replace(p, what.size(), with);
  return text;
}

std::string strip_query(std::string_view url) { return std::string(url.substr(0, url.find_first_of("?#"))); }

// The OAuth error of an answer: JSON body, error page fields, or the redirect's query.
std::pair<std::string, std::string> error_of(const HttpResponse& r) {
  nlohmann::json j = try_parse_json(r.body);
  if (j.is_object()) {
    auto get = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; };
    if (!get("error").empty()) return {get("error"), get("error_description")};
  }
  auto fields = page_error(page_text(r.body));
  if (!fields.first.empty()) return fields;
  const std::string location = r.header("location");
  return {query_param(location, "error"), query_param(location, "error_description")};
}

bool redirect(const HttpResponse& r) { return r.status >= 300 && r.status < 400 && !r.header("location").empty(); }

// An error answer, read from the protocol alone.
bool refused(const HttpResponse& r) { return r.status >= 400 || !error_of(r).first.empty(); }

bool answered(const Canary* c) { return c && c->reading != Reading::NotProbed; }

bool same_shape(std::string_view real_shape, const Canary* c) { return answered(c) && c->shape == real_shape; }

// "HTTP 400 invalid_client: client is invalid", "HTTP 200", "HTTP 302 to https://x/login".
std::string describe(const HttpResponse& r) {
  std::string out = "HTTP " + std::to_string(r.status);
  auto [err, desc] = error_of(r);
  if (!err.empty()) out += " " + err + (desc.empty() ? "" : ": " + desc);
  if (redirect(r) && err.empty()) out += " to " + strip_query(r.header("location"));
  return out.size() > 240 ? out.substr(0, 237) + "..." : out;
}

}  // namespace

std::string answer_shape(const HttpResponse& r, std::string_view client_id) {
  auto [err, desc] = error_of(r);
  std::string text = try_parse_json(r.body).is_object() ? desc : page_text(r.body);
  if (text.size() > 8192) text.resize(8192);
  text = mask_tokens(replace_all(mask_urls(std::move(text)), client_id, "{id}"));
  return std::to_string(r.status) + "\n" + mask_tokens(strip_query(r.header("location"))) + "\n" + err + "\n" + text;
}

Reading read_canary(std::string_view kind, const Canary& c, bool wordings) {
  const HttpResponse& r = c.response;
  if (!c.started || r.failure == Failure::Tls || (!r.ok() && r.failure != Failure::TooLarge)) return Reading::NotProbed;
  // A server error or a rate limit is no answer to what the canary asks.
  if ((r.status >= 500 || r.status == 429) && error_of(r).first.empty()) return Reading::NotProbed;
  if (c.kind == Canary::Kind::Token) {
    nlohmann::json j = try_parse_json(r.body);
    if (r.status >= 200 && r.status < 300 && j.is_object() && (j.contains("access_token") || j.contains("id_token")))
      return Reading::Accepted;  // tokens for a client that does not exist
    return refused(r) ? Reading::Refused : Reading::Deferred;
  }
  const std::string location = r.header("location");
  if (redirect(r) && is_redirect_to(location, c.redirect_uri)) {
    // Sending anything to a host nobody registered is accepting it, error or not.
    if (c.kind == Canary::Kind::RedirectUri || query_param(location, "error").empty()) return Reading::Accepted;
    return Reading::Refused;
  }
  if (refused(r)) return Reading::Refused;
  auto classic = classify_authorize(kind, r, c.redirect_uri, wordings);
  if (classic.verdict == Verdict::Rejected || classic.verdict == Verdict::ClientUnknown) return Reading::Refused;
  return Reading::Deferred;
}

AuthorizeResult compare_authorize(const AuthorizeResult& classic, const HttpResponse& real, std::string_view real_shape,
                                  const Canary* rc, const Canary* cc, bool others_differ) {
  // The provider's own words for a refusal are evidence enough.
  if (classic.verdict == Verdict::Rejected || classic.verdict == Verdict::ClientUnknown) return classic;
  if (!answered(rc) && !answered(cc)) return classic;
  const bool like_rc = same_shape(real_shape, rc), like_cc = same_shape(real_shape, cc);
  const bool rc_refused = answered(rc) && rc->reading == Reading::Refused;
  const bool cc_refused = answered(cc) && cc->reading == Reading::Refused;
  if (rc_refused && like_rc) {
    std::string d = "answered exactly as to a redirect URI that cannot be registered (" + describe(real) + ")";
    if (cc_refused && like_cc) {
      // Both canaries and this request get one answer: unless some other request of this run is
      // answered otherwise, the IdP may be refusing something else in every request.
      if (!others_differ)
        return {Verdict::Inconclusive,
                "the IdP gives the same refusal (" + describe(real) +
                    ") to this request, to a redirect URI that cannot be registered and to a client id that cannot "
                    "exist, and no request of this run was answered otherwise",
                classic.entry};
      d += "; a client id that cannot exist gets the same answer, so the client id may be the cause";
    }
    return {Verdict::Rejected, d, nullptr};
  }
  if (cc_refused && like_cc)
    return {Verdict::ClientUnknown, "answered exactly as to a client id that cannot exist (" + describe(real) + ")",
            nullptr};
  if (answered(rc) && rc->reading == Reading::Accepted)
    return {Verdict::Unverifiable,
            "the IdP also sends the user on to a redirect URI that cannot be registered (" +
                strip_query(rc->redirect_uri) + "), so it accepts any redirect URI before sign-in",
            nullptr};
  if (answered(rc) && rc->reading == Reading::Deferred) {
    if (refused(real)) return classic;  // an error of its own: not what the canary was told
    return {Verdict::Unverifiable,
            (like_rc ? "the IdP gives a redirect URI that cannot be registered the same answer (" + describe(real) + ")"
                     : "the IdP does not refuse a redirect URI that cannot be registered (" + describe(rc->response) +
                           ")") +
                ": it checks redirect URIs only after sign-in, if at all",
            nullptr};
  }
  if (rc_refused) {
    // The IdP refuses unregistered redirect URIs up front, and this answer is not that refusal.
    if (classic.verdict == Verdict::Accepted) return classic;
    if (refused(real)) return classic;
    return {Verdict::Accepted,
            "answered unlike a redirect URI that cannot be registered (" + describe(real) + " instead of " +
                describe(rc->response) + ")",
            classic.entry};
  }
  return classic;
}

SecretResult compare_token(const SecretResult& classic, std::string_view real_shape, const Canary* k) {
  if (answered(k) && k->reading == Reading::Accepted)
    return {SecretVerdict::Unverifiable,
            "the token endpoint answers " + describe(k->response) +
                " to a made-up code for a client id that cannot exist, so it accepts any client and secret",
            nullptr};
  if (classic.verdict != SecretVerdict::Inconclusive) return classic;
  if (answered(k) && k->reading == Reading::Refused && same_shape(real_shape, k))
    return {SecretVerdict::Invalid,
            classic.detail.starts_with("HTTP ")
                ? classic.detail.substr(classic.detail.find(' ', 5) + 1) + " (" +
                      "the same answer as for a client id that cannot exist)"
                : classic.detail + " (the same answer as for a client id that cannot exist)",
            classic.entry};
  if (!answered(k)) return classic;
  return {SecretVerdict::Inconclusive,
          classic.detail +
              "; neither a refusal of the made-up code (which would mean the secret passed) nor the "
              "answer a client id that cannot exist gets (" +
              describe(k->response) + ")",
          classic.entry};
}

}  // namespace od::probes
