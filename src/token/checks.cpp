#include "token/checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "catalogue/catalogue.h"
#include "core/uri.h"
#include "providers/provider.h"
#include "core/text.h"

namespace od::token {

namespace {

using J = nlohmann::ordered_json;

constexpr std::string_view kGraphAppId = "00000003-0000-0000-c000-000000000000";

std::string text(const J& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<long long> number(const J& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return static_cast<long long>(std::floor(it->get<double>()));
}

std::vector<std::string> audiences(const J& claims) {
  std::vector<std::string> out;
  auto it = claims.find("aud");
  if (it == claims.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array())
    for (auto& a : *it)
      if (a.is_string()) out.push_back(a.get<std::string>());
  return out;
}

bool is_entra_issuer(const std::string& iss) { return providers::kind_from_issuer(iss) == "entra"; }

bool is_access_token(const Jwt& jwt) {
  return jwt.claims.contains("scp") || jwt.claims.contains("roles") || jwt.claims.contains("scope") ||
         iequals(text(jwt.header, "typ"), "at+jwt") || jwt.claims.contains("cid");
}

std::string duration(long long seconds) {
  seconds = std::llabs(seconds);
  if (seconds < 90) return fmt::format("{} seconds", seconds);
  if (seconds < 90 * 60) return fmt::format("{} minutes", (seconds + 30) / 60);
  if (seconds < 36 * 3600) return fmt::format("{} hours", (seconds + 1800) / 3600);
  return fmt::format("{} days", (seconds + 43200) / 86400);
}

// The issuer a validator derives from the configured metadata URL, and how strictly it is known.
struct ExpectedIssuer {
  std::string value;    // exact issuer, or a shape description
  bool exact = true;    // false: only the shape (host, version) is known
  bool entra_v2 = false, entra_v1 = false;
};

std::optional<ExpectedIssuer> expected_issuer(const std::string& metadata_url) {
  auto u = Uri::parse(metadata_url);
  if (!u || !u->has_authority) return std::nullopt;
  std::string base = metadata_url.substr(0, metadata_url.find("/.well-known/"));
  if (providers::is_entra_login_host(u->host)) {
    std::string_view path = u->path;
    if (path.starts_with("/")) path.remove_prefix(1);
    std::string tenant(path.substr(0, path.find('/')));
    ExpectedIssuer e;
    e.entra_v2 = u->path.find("/v2.0/") != std::string::npos;
    e.entra_v1 = !e.entra_v2;
    e.exact = looks_like_guid(tenant);
    e.value = e.entra_v2 ? "https://" + u->host + "/" + (e.exact ? tenant : "<tenant-id>") + "/v2.0"
                         : "https://sts.windows.net/" + (e.exact ? tenant : "<tenant-id>") + "/";
    return e;
  }
  return ExpectedIssuer{base};
}

bool matches_shape(const std::string& iss, const ExpectedIssuer& e) {
  if (e.exact) return iss == e.value;
  auto u = Uri::parse(iss);
  if (!u) return false;
  std::string_view path = u->path;
  if (path.starts_with("/")) path.remove_prefix(1);
  std::string tenant(path.substr(0, path.find('/')));
  if (!looks_like_guid(tenant)) return false;
  if (e.entra_v2) return providers::is_entra_login_host(u->host) && path.ends_with("/v2.0");
  return iequals(u->host, "sts.windows.net") && path.size() == tenant.size() + 1;
}

// Catalogue wordings carry {placeholders}; a token finding has no values for them.
std::string unfilled(std::string_view wording) {
  std::string out;
  for (size_t i = 0; i < wording.size(); ++i) {
    size_t close = wording[i] == '{' ? wording.find('}', i) : std::string_view::npos;
    std::string_view name = close == std::string_view::npos ? "" : wording.substr(i + 1, close - i - 1);
    if (!name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos) {
      out += "…";
      i = close;
    } else {
      out += wording[i];
    }
  }
  return out;
}

class Checker {
 public:
  Checker(const Jwt& jwt, const Options& o) : jwt_(jwt), o_(o), c_(jwt.claims) {
    iss_ = text(c_, "iss");
    entra_ = is_entra_issuer(iss_);
    provider_ = provider_of(jwt, o.config);
    platform_ = o.config ? o.config->platform : "";
  }

  std::vector<Check> run() {
    graph();
    signature();
    presence();
    lifetime();
    nonce();
    entra_version();
    if (o_.config) {
      username();
      audience();
      issuer();
    } else {
      guest(false);
    }
    return std::move(out_);
  }

 private:
  void add(std::string id, Severity s, std::string category, std::string message, std::string fix,
           std::vector<std::string> extra_predictions = {}) {
    Check c{std::move(id), s, std::move(category), std::move(message), std::move(fix), std::move(extra_predictions)};
    for (auto who : {std::string_view(platform_), std::string_view(provider_)}) {
      if (who.empty()) continue;
      for (auto* e : catalogue::predicted(who, c.category)) {
        std::string p = e->code.find(':') == std::string_view::npos ? std::string(e->code)
                                                                    : std::string(catalogue::display_name(e->provider));
        if (!e->wording.empty()) p += ": " + unfilled(e->wording);
        if (std::find(c.predicted_errors.begin(), c.predicted_errors.end(), p) == c.predicted_errors.end())
          c.predicted_errors.push_back(p);
      }
    }
    out_.push_back(std::move(c));
  }

  void graph() {
    auto aud = audiences(c_);
    bool graph_aud = std::any_of(aud.begin(), aud.end(), [](const std::string& a) {
      return a == kGraphAppId || a == "https://graph.microsoft.com" || a == "https://graph.microsoft.com/";
    });
    bool header_nonce = jwt_.header.contains("nonce");
    if (!graph_aud && !(entra_ && header_nonce)) return;
    graph_ = true;
    std::vector<std::string> seen;
    if (auto* e = catalogue::find("posit-connect:azure-jwt-signature"))
      seen.push_back(std::string(catalogue::display_name(e->provider)) + ": " + std::string(e->wording));
    add("graph-access-token", Severity::Error, "scope-invalid",
        fmt::format("this is an Entra access token for Microsoft Graph{}: Graph tokens are signed in a form only "
                    "Graph checks (the header's nonce is hashed before signing), so no other party can validate "
                    "it, and a platform that tries reports a signature mismatch",
                    header_nonce ? " with a `nonce` in its header" : ""),
        "Have the platform request scopes for its own API (api://<app id>/<scope>) or validate the ID token; "
        "sign-in needs openid profile email offline_access, not Graph scopes such as User.Read.",
        seen);
  }

  void signature() {
    auto* v = o_.verification;
    if (!v) {
      add("signature-not-checked", Severity::Info, "token-signature-invalid",
          "the signature was not checked: give --jwks with the IdP's jwks_uri (URL or saved file)",
          "Run again with --jwks https://<idp>/.../keys (the jwks_uri of the discovery document).");
      return;
    }
    using S = Verification::Status;
    switch (v->status) {
      case S::Verified: break;
      case S::Unsigned:
        add("token-unsigned", Severity::Error, "token-signature-invalid", v->detail + "; no validator may accept it",
            "Configure the IdP (or the client) to sign tokens with RS256 or ES256.");
        break;
      case S::Unsupported:
        add("signature-unsupported", Severity::Warning, "token-signature-invalid", v->detail,
            "Check the token with the shared secret it was signed with, or switch the client to RS256.");
        break;
      case S::NoKey:
        add("signing-key-unknown", Severity::Error, "token-signature-invalid",
            v->detail + ": the IdP rotated its keys since this key set was saved, or the token comes from another "
                        "issuer or tenant",
            "Fetch the current jwks_uri of the issuer named in `iss` and compare kids.");
        break;
      case S::Invalid:
        if (graph_) break;  // explained by graph-access-token
        add("signature-invalid", Severity::Error, "token-signature-invalid",
            v->detail + "; the token was altered, or it was signed by another issuer's key",
            "Verify against the jwks_uri of the issuer in `iss`; if that fails too, the token was changed on the "
            "way.");
        break;
    }
  }

  void presence() {
    if (iss_.empty())
      add("issuer-missing", Severity::Warning, "issuer-mismatch", "the token has no `iss` claim; OpenID validators refuse it",
          "Check that this is an ID or access token from the IdP, not an opaque or custom token.");
    if (audiences(c_).empty())
      add("audience-missing", Severity::Warning, "audience-mismatch", "the token has no `aud` claim",
          "Check that this is the token the platform validates.");
  }

  void lifetime() {
    auto exp = number(c_, "exp"), nbf = number(c_, "nbf"), iat = number(c_, "iat");
    long long now = o_.now, skew = o_.skew;
    if (!exp) {
      add("expiry-missing", Severity::Warning, "token-lifetime", "the token has no numeric `exp` claim",
          "Tokens without an expiry are refused by most validators; check the IdP's token settings.");
    } else if (now > *exp + skew) {
      add("token-expired", Severity::Error, "token-lifetime",
          fmt::format("the token expired at {} ({}), beyond the {} s clock skew allowance", utc(*exp),
                      relative(*exp, now), skew),
          "Get a fresh token (sign in again or use the refresh token); if it expired early, compare the clocks of "
          "the servers involved.");
    } else if (now > *exp) {
      add("token-expired-within-skew", Severity::Info, "token-lifetime",
          fmt::format("the token expired {} ago, inside the {} s skew allowance", duration(now - *exp), skew),
          "It will be refused as soon as the allowance runs out; get a fresh token.");
    }
    if (nbf && *nbf > now + skew)
      add("token-not-yet-valid", Severity::Error, "token-lifetime",
          fmt::format("the token is not valid before {} ({}): the IdP's clock is ahead of this one by more than "
                      "the {} s allowance",
                      utc(*nbf), relative(*nbf, now), skew),
          "Synchronise the clocks (NTP) of the IdP and the servers validating tokens.");
    if (iat && *iat > now + skew)
      add("issued-in-future", Severity::Warning, "token-lifetime",
          fmt::format("the token was issued at {} ({}), in the future by this clock", utc(*iat), relative(*iat, now)),
          "Synchronise the clocks (NTP); strict validators refuse tokens issued in the future.");
  }

  void nonce() {
    if (!o_.nonce || is_access_token(jwt_)) return;
    auto it = c_.find("nonce");
    if (it == c_.end())
      add("nonce-missing", Severity::Error, "nonce-invalid",
          "the ID token carries no `nonce`, but one was sent (--nonce): the platform refuses it",
          "Check that the sign-in request sends the nonce and that this is the ID token of that sign-in.");
    else if (!it->is_string() || it->get<std::string>() != *o_.nonce)
      add("nonce-mismatch", Severity::Error, "nonce-invalid",
          "the token's `nonce` differs from the one given with --nonce: it belongs to another sign-in (or a "
          "replay)",
          "Keep the nonce with the state of the same sign-in (shared session store across instances).");
  }

  void entra_version() {
    if (!entra_) return;
    auto u = Uri::parse(iss_);
    bool v1 = u && iequals(u->host, "sts.windows.net");
    std::optional<ExpectedIssuer> want;
    if (o_.config && o_.config->provider.metadata_url) want = expected_issuer(o_.config->provider.metadata_url->value);
    bool meta_v2 = want && want->entra_v2, meta_v1 = want && want->entra_v1;
    std::string why =
        "access tokens take their version from the API's accessTokenAcceptedVersion "
        "(requestedAccessTokenVersion), not from the endpoint that issued them";
    if (v1 && meta_v2) {
      issuer_explained_ = true;
      add("entra-token-version", Severity::Error, "issuer-mismatch",
          fmt::format("this is an Entra v1 token (iss {}), but the configured metadata is v2.0, whose issuer is "
                      "https://login.microsoftonline.com/<tenant>/v2.0: validators refuse it; {}",
                      iss_, why),
          "Set the API's accessTokenAcceptedVersion to 2 in its manifest, or validate against the v1 issuer.");
    } else if (!v1 && meta_v1) {
      issuer_explained_ = true;
      add("entra-token-version", Severity::Error, "issuer-mismatch",
          fmt::format("this is an Entra v2.0 token (iss {}), but the configured metadata is v1, whose issuer is "
                      "https://sts.windows.net/<tenant>/; {}",
                      iss_, why),
          "Use the v2.0 metadata URL (…/<tenant>/v2.0/.well-known/openid-configuration).");
    } else if (v1 && !o_.config) {
      add("entra-token-version", Severity::Info, "issuer-mismatch",
          fmt::format("this is an Entra v1 token (iss {}); validators configured with v2.0 metadata expect "
                      "https://login.microsoftonline.com/<tenant>/v2.0 and refuse it; {}",
                      iss_, why),
          "If a v2.0 validator refuses it, set accessTokenAcceptedVersion to 2 on the API's app registration.");
    }
  }

  // Entra guests (B2B, personal accounts) carry `idp` and no `upn`.
  bool guest(bool upn_is_username) {
    if (!entra_ || c_.contains("upn")) return false;
    std::string idp = text(c_, "idp");
    bool is_guest = (!idp.empty() && idp != iss_) || (number(c_, "acct") && *number(c_, "acct") == 1);
    if (!is_guest) return false;
    add("guest-without-upn", upn_is_username ? Severity::Error : Severity::Info, "username-claim-mismatch",
        fmt::format("this user is a guest (idp {}) and Entra sends no `upn` for guests{}", idp.empty() ? "?" : idp,
                    upn_is_username ? ", which the config uses as the username claim: the platform finds no username"
                                    : ""),
        "Use a claim guests have too (preferred_username, or email with the optional claim configured).");
    return true;
  }

  void username() {
    const Config& cfg = *o_.config;
    if (!cfg.provider.username_claim) {
      guest(false);
      return;
    }
    const std::string& claim = cfg.provider.username_claim->value;
    auto it = c_.find(claim);
    if (it == c_.end()) {
      if (claim == "upn" && guest(true)) return;
      add("username-claim-absent", Severity::Error, "username-claim-mismatch",
          fmt::format("the token has no `{}` claim, which the config names as the username claim{}", claim,
                      is_access_token(jwt_) ? " (this looks like an access token; the platform reads the ID token)"
                                            : ": the platform finds no username and refuses the sign-in"),
          fmt::format("Have the IdP issue `{}` (claim mapping / optional claims), or choose a claim it sends.", claim));
      return;
    }
    guest(false);
    if (!it->is_string()) {
      add("username-claim-not-text", Severity::Warning, "username-claim-mismatch",
          fmt::format("the username claim `{}` is not a string", claim), "Choose a claim whose value is one string.");
      return;
    }
    std::string value = it->get<std::string>();
    if (cfg.users.empty()) return;
    std::vector<std::string_view> forms;
    for (auto& u : cfg.users) {
      if (iequals(u.username.value, value)) return;
      forms.push_back(username_form(u.username.value));
    }
    auto form = username_form(value);
    bool same_form = std::find(forms.begin(), forms.end(), form) != forms.end();
    add(same_form ? "username-not-listed" : "username-claim-form", same_form ? Severity::Warning : Severity::Error,
        "username-claim-mismatch",
        same_form ? fmt::format("`{}` is `{}`, which is none of the config's users", claim, value)
                  : fmt::format("`{}` carries {} `{}`, but the platform usernames in the config are {}: the "
                                "sign-in ends in \"Invalid login SSO\"",
                                claim, form == "email" ? "an email" : "a " + std::string(form), value,
                                forms.front() == "email" ? "emails" : std::string(forms.front()) + "s"),
        same_form ? "Check that the user exists on the platform with exactly this username."
                  : fmt::format("Make the platform usernames look like the `{}` values, or choose another claim.",
                                claim));
  }

  void audience() {
    if (graph_) return;
    auto aud = audiences(c_);
    if (aud.empty()) return;
    std::vector<std::string> ids;
    for (auto& c : o_.config->clients)
      if (c.client_id) ids.push_back(c.client_id->value);
    if (ids.empty()) return;
    for (auto& a : aud)
      for (auto& id : ids)
        if (a == id || a == "api://" + id) return;
    std::string list;
    for (auto& id : ids) list += (list.empty() ? "" : ", ") + id;
    std::string got;
    for (auto& a : aud) got += (got.empty() ? "" : ", ") + a;
    if (is_access_token(jwt_))
      add("audience-not-client", Severity::Warning, "audience-mismatch",
          fmt::format("this access token is for {} rather than a configured client ({}); a platform that validates "
                      "it as its own token refuses it",
                      got, list),
          "Validate the ID token, or request a token whose audience is the platform's own API.");
    else
      add("audience-mismatch", Severity::Error, "audience-mismatch",
          fmt::format("`aud` is {}, but the configured client ids are {}: the platform refuses the token", got, list),
          "Use the client id the token was issued to, or sign in through the configured client.");
  }

  void issuer() {
    if (issuer_explained_ || iss_.empty() || !o_.config->provider.metadata_url) return;
    auto want = expected_issuer(o_.config->provider.metadata_url->value);
    if (!want || matches_shape(iss_, *want)) return;
    std::string near;
    if (want->exact) {
      std::string a = iss_, b = want->value;
      while (!a.empty() && a.back() == '/') a.pop_back();
      while (!b.empty() && b.back() == '/') b.pop_back();
      if (a == b) near = " (they differ only by a trailing slash, which still fails the exact comparison)";
    }
    add("issuer-mismatch", Severity::Error, "issuer-mismatch",
        fmt::format("`iss` is {}, but the configured metadata URL implies {}{}", iss_, want->value, near),
        "Point `metadata_url` at the issuer that signs these tokens (issuer + /.well-known/openid-configuration).");
  }

  const Jwt& jwt_;
  const Options& o_;
  const J& c_;
  std::string iss_, provider_, platform_;
  bool entra_ = false, graph_ = false, issuer_explained_ = false;
  std::vector<Check> out_;
};

}  // namespace

std::string provider_of(const Jwt& jwt, const Config* config) {
  if (config && config->has_provider) return config->provider.kind;
  return std::string(providers::kind_from_issuer(text(jwt.claims, "iss")));
}

std::vector<Check> check(const Jwt& jwt, const Options& o) { return Checker(jwt, o).run(); }

std::string utc(long long t) {
  using namespace std::chrono;
  sys_seconds tp{seconds{t}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string relative(long long t, long long now) {
  if (t == now) return "now";
  return t > now ? "in " + duration(t - now) : duration(now - t) + " ago";
}

std::optional<long long> parse_instant(std::string_view s) {
  auto d = Date::parse(s.substr(0, 10));
  if (!d) return std::nullopt;
  long long t = static_cast<long long>(d->days) * 86400;
  if (s.size() == 10) return t;
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto two = [&](size_t at) -> int {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  int h = two(11), m = two(14), sec = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return std::nullopt;
  t += h * 3600 + m * 60 + sec;
  size_t i = 19;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9';) ++i;
  std::string_view zone = s.substr(i);
  if (zone.empty() || zone == "Z") return t;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh = two(i + 1), zm = two(i + 4);
    if (zh < 0 || zm < 0) return std::nullopt;
    long long off = zh * 3600 + zm * 60;
    return zone[0] == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

}  // namespace od::token
