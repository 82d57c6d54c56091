#include "probes/checks.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/text.h"
#include "core/uri.h"
#include "probes/probe_rules.h"
#include "providers/provider.h"

namespace od::probes {

namespace {

using nlohmann::json;
constexpr std::string_view kDiscoverySuffix = "/.well-known/openid-configuration";

const std::string* str(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

std::optional<std::vector<std::string>> str_list(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

constexpr const char* kEndpointFields[] = {
    "authorization_endpoint", "token_endpoint",        "userinfo_endpoint",     "jwks_uri",
    "end_session_endpoint",   "revocation_endpoint",   "introspection_endpoint", "registration_endpoint",
    "pushed_authorization_request_endpoint", "device_authorization_endpoint"};

std::string host_of(std::string_view url) {
  auto u = Uri::parse(url);
  return u ? to_lower(u->host) : "";
}

// How two issuer strings differ, in words, for the common cases.
std::string issuer_difference(const std::string& said, const std::string& expected) {
  if (said + "/" == expected) return " (the document's issuer lacks the trailing slash)";
  if (expected + "/" == said) return " (the document's issuer has an extra trailing slash)";
  if (iequals(said, expected)) return " (they differ only in letter case)";
  auto a = Uri::parse(said), b = Uri::parse(expected);
  if (a && b && a->scheme != b->scheme) return " (" + a->scheme + " instead of " + b->scheme + ")";
  if (a && b && !iequals(a->host, b->host)) return " (host " + a->host + " instead of " + b->host + ")";
  return "";
}

}  // namespace

std::string expected_issuer(std::string_view url) {
  if (!url.ends_with(kDiscoverySuffix)) return "";
  return std::string(url.substr(0, url.size() - kDiscoverySuffix.size()));
}

bool insecure_http(std::string_view url) {
  auto u = Uri::parse(url);
  return u && u->scheme == "http" && !is_loopback_host(u->host);
}

bool usable_endpoint(std::string_view url) {
  auto u = Uri::parse(url);
  return u && u->is_http() && u->has_authority && !u->host.empty() && !insecure_http(url);
}

std::string origin_of(std::string_view url) {
  auto u = Uri::parse(url);
  if (!u || !u->has_authority) return "";
  return u->scheme + "://" + to_lower(u->host) + ":" + std::to_string(u->effective_port());
}

bool is_json_content_type(std::string_view ct) {
  std::string t = to_lower(ct.substr(0, ct.find(';')));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t == "application/json" || t.ends_with("+json");
}

std::vector<Issue> check_discovery_document(const json& doc, const DiscoveryFacts& f) {
  std::vector<Issue> out;
  // Issuer, character for character (OpenID Connect Discovery 4.3).
  const std::string expected = expected_issuer(f.metadata_url);
  const std::string* issuer = str(doc, "issuer");
  // Discovery drops an issuer's terminating slash before appending the well-known path, so the
  // URL cannot tell "X" from "X/": both are exact (Auth0's issuer ends with a slash).
  if (issuer && !expected.empty() && *issuer != expected && *issuer != expected + "/") {
    // A shared tenant's discovery advertises a templated issuer; some providers name the tenant
    // by id in the issuer and by domain in the URL. Both are by design.
    if (!providers::is_shared_tenant_url(f.provider_kind, expected) &&
        !providers::is_tenant_alias(f.provider_kind, *issuer, expected))
      out.push_back({&rules::OD3005,
                     fmt::format("the discovery document says issuer `{}`, but {} implies `{}`{}; clients that "
                                 "validate the issuer refuse every token",
                                 *issuer, f.metadata_url, expected, issuer_difference(*issuer, expected)),
                     fmt::format("Set metadata_url to {}{} if that is the IdP's real issuer, or correct the "
                                 "issuer the IdP advertises.",
                                 *issuer, kDiscoverySuffix),
                     "issuer"});
  }
  // Required members and URL-valued ones.
  std::vector<std::string> missing, bad_url;
  for (const char* k : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"}) {
    const std::string* v = str(doc, k);
    if (!v) missing.push_back(k);
    else if (auto u = Uri::parse(*v); !u || !u->is_http() || !u->has_authority) bad_url.push_back(k);
  }
  for (const char* k : {"response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported"})
    if (!str_list(doc, k)) missing.push_back(k);
  if (!missing.empty() || !bad_url.empty()) {
    std::vector<std::string> parts;
    if (!missing.empty()) parts.push_back("missing " + join(missing, ", "));
    if (!bad_url.empty()) parts.push_back("not an absolute http(s) URL: " + join(bad_url, ", "));
    out.push_back({&rules::OD3006, "the discovery document is incomplete: " + join(parts, "; "), "",
                   join(missing, ",") + "|" + join(bad_url, ",")});
  }
  // Plain http endpoints outside loopback.
  std::vector<std::string> insecure;
  for (const char* k : kEndpointFields)
    if (const std::string* v = str(doc, k); v && insecure_http(*v)) insecure.push_back(std::string(k) + " " + *v);
  if (!insecure.empty())
    out.push_back({&rules::OD3007,
                   "the discovery document advertises plain-http endpoints: " + join(insecure, ", ") +
                       "; codes, tokens and secrets would cross the network unencrypted, so preflight does not "
                       "contact them",
                   "", "insecure"});
  // PKCE.
  if (auto methods = str_list(doc, "code_challenge_methods_supported")) {
    if (!contains(*methods, "S256"))
      out.push_back({&rules::OD3008,
                     "code_challenge_methods_supported is [" + join(*methods, ", ") +
                         "], without S256; PKCE sign-ins with S256 (desktop tools, public clients) will be refused",
                     "", "s256"});
  } else if (providers::info(f.provider_kind).advertises_pkce_methods) {  // some support S256 silently
    out.push_back({&rules::OD3009,
                   "the discovery document has no code_challenge_methods_supported, so S256 support cannot be "
                   "confirmed",
                   "", "pkce-unadvertised"});
  }
  // Grant types (absent means the defaults, authorization_code and implicit).
  if (auto grants = str_list(doc, "grant_types_supported")) {
    std::vector<std::string> need = {"authorization_code"};
    if (f.needs_refresh) need.push_back("refresh_token");
    for (auto& g : need)
      if (!contains(*grants, g))
        out.push_back({&rules::OD3010,
                       fmt::format("grant_types_supported is [{}], without {}{}", join(*grants, ", "), g,
                                   g == "refresh_token" ? "; the platform needs refresh tokens" : ""),
                       "", g});
  }
  // Scopes (the list may be partial, hence a warning).
  if (auto scopes = str_list(doc, "scopes_supported")) {
    std::vector<std::string> need = {"openid"};
    if (f.needs_refresh)
      if (auto s = providers::refresh_scope(f.provider_kind)) need.emplace_back(*s);
    for (auto& s : need)
      if (!contains(*scopes, s))
        out.push_back({&rules::OD3011,
                       fmt::format("scopes_supported does not list {}{}", s,
                                   s == "openid" ? "" : "; without it no refresh token is issued"),
                       "", s});
  }
  if (!doc.contains("end_session_endpoint"))
    out.push_back({&rules::OD3012,
                   "the discovery document has no end_session_endpoint: signing out of the platform leaves the "
                   "IdP session open",
                   "", "end-session"});
  if (f.has_confidential_secret)
    if (auto methods = str_list(doc, "token_endpoint_auth_methods_supported"))
      if (!contains(*methods, "client_secret_basic") && !contains(*methods, "client_secret_post"))
        out.push_back({&rules::OD3013,
                       "token_endpoint_auth_methods_supported is [" + join(*methods, ", ") +
                           "]: a client secret can be sent neither by HTTP Basic nor in the form body",
                       "", "auth-methods"});
  // Endpoints on another host are legal; the environments just have to reach them too.
  // Against the configured URL's host: a wrong issuer is OD3005's business, not a host list.
  std::string base = host_of(f.metadata_url);
  std::vector<std::string> elsewhere;
  for (const char* k : kEndpointFields)
    if (const std::string* v = str(doc, k)) {
      std::string h = host_of(*v);
      if (!h.empty() && !base.empty() && h != base) elsewhere.push_back(std::string(k) + " on " + h);
    }
  if (!elsewhere.empty())
    out.push_back({&rules::OD3014,
                   "endpoints on other hosts than the metadata URL's " + base + ": " + join(elsewhere, ", ") +
                       "; every environment must be able to reach them",
                   "", "other-host"});
  return out;
}

std::vector<Issue> check_jwks_document(std::string_view body) {
  std::vector<Issue> out;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) {
    out.push_back({&rules::OD3102, "jwks_uri does not return a JSON Web Key Set (an object with a \"keys\" list)", "",
                   "shape"});
    return out;
  }
  static const std::set<std::string> kAlgs = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                                              "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"};
  std::map<std::string, int> kids;
  int signing = 0;
  size_t index = 0;
  for (auto& k : j["keys"]) {
    ++index;
    if (!k.is_object() || !k.contains("kty") || !k["kty"].is_string()) {
      out.push_back({&rules::OD3102, fmt::format("key #{} of the JWKS has no kty", index), "", "kty"});
      continue;
    }
    std::string kty = k["kty"];
    std::string kid = k.contains("kid") && k["kid"].is_string() ? k["kid"].get<std::string>() : "";
    std::string name = kid.empty() ? fmt::format("key #{}", index) : "key `" + kid + "`";
    std::string use = k.contains("use") && k["use"].is_string() ? k["use"].get<std::string>() : "";
    std::string alg = k.contains("alg") && k["alg"].is_string() ? k["alg"].get<std::string>() : "";
    if (kty == "oct") {
      out.push_back({&rules::OD3104,
                     name + " is a symmetric (oct) key: its value is the secret itself, published to anyone", "",
                     "oct|" + kid});
      continue;
    }
    std::vector<std::string> priv;
    for (const char* m : {"d", "p", "q", "dp", "dq", "qi", "oth"})
      if (k.contains(m)) priv.push_back(m);
    if (!priv.empty())
      out.push_back({&rules::OD3103,
                     name + " carries private key members (" + join(priv, ", ") +
                         "): anyone can sign tokens the platform will trust",
                     "", "private|" + kid});
    if (kty != "RSA" && kty != "EC" && kty != "OKP") {
      out.push_back({&rules::OD3106, name + " has the unknown key type " + kty, "", "kty|" + kid});
      continue;
    }
    if (!alg.empty() && use != "enc" && !kAlgs.count(alg))
      out.push_back({&rules::OD3106, name + " declares the algorithm " + alg + ", which is not a JWS signature "
                                            "algorithm for public keys",
                     "", "alg|" + kid});
    if (kty == "RSA" && k.contains("n") && k["n"].is_string()) {
      std::string n = k["n"];
      size_t bits = n.size() * 6;  // base64url: 6 bits per character, leading zero octet aside
      if (bits < 2040)
        out.push_back({&rules::OD3106, fmt::format("{} is an RSA key of about {} bits; 2048 is the minimum", name,
                                                   bits / 8 * 8),
                       "", "rsa|" + kid});
    }
    if (use != "enc") ++signing;
    if (!kid.empty() && ++kids[kty + "|" + kid] == 2)
      out.push_back({&rules::OD3105, "more than one " + kty + " key uses kid `" + kid +
                                         "`; clients may pick the wrong one and reject valid tokens",
                     "", "kid|" + kid});
  }
  if (signing == 0)
    out.push_back({&rules::OD3102, "the JWKS holds no public signing key, so no token signature can be verified", "",
                   "no-signing"});
  return out;
}

}  // namespace od::probes
