#include "rules/token_common.h"

#include <algorithm>
#include <cmath>

namespace od::rules::tok {

using J = nlohmann::ordered_json;

namespace {
constexpr std::string_view kGraphAppId = "00000003-0000-0000-c000-000000000000";

std::string first_segment(std::string_view path) {
  if (path.starts_with("/")) path.remove_prefix(1);
  return std::string(path.substr(0, path.find('/')));
}
}  // namespace

std::string text(const J& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<long long> number(const J& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return token::numeric_date(it->get<double>());
}

std::vector<std::string> audiences(const token::TokenFacts& t) {
  std::vector<std::string> out;
  auto it = t.jwt.claims.find("aud");
  if (it == t.jwt.claims.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array())
    for (auto& a : *it)
      if (a.is_string()) out.push_back(a.get<std::string>());
  return out;
}

std::string issuer(const token::TokenFacts& t) { return text(t.jwt.claims, "iss"); }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool is_entra_issuer(const std::string& iss) {
  auto u = Uri::parse(iss);
  return u && (providers::is_entra_login_host(u->host) || iequals(u->host, "sts.windows.net"));
}

bool is_entra_v1_issuer(const std::string& iss) {
  auto u = Uri::parse(iss);
  return u && iequals(u->host, "sts.windows.net");
}

bool is_access_token(const token::TokenFacts& t) {
  auto& c = t.jwt.claims;
  return c.contains("scp") || c.contains("roles") || c.contains("scope") ||
         iequals(text(t.jwt.header, "typ"), "at+jwt") || c.contains("cid");
}

bool graph_header_nonce(const token::TokenFacts& t) { return t.jwt.header.contains("nonce"); }

bool is_graph_token(const token::TokenFacts& t) {
  auto aud = audiences(t);
  bool graph_aud = std::any_of(aud.begin(), aud.end(), [](const std::string& a) {
    return a == kGraphAppId || a == "https://graph.microsoft.com" || a == "https://graph.microsoft.com/";
  });
  return graph_aud || (is_entra_issuer(issuer(t)) && graph_header_nonce(t));
}

bool is_entra_guest(const token::TokenFacts& t) {
  auto& c = t.jwt.claims;
  std::string iss = issuer(t);
  if (!is_entra_issuer(iss) || c.contains("upn")) return false;
  std::string idp = text(c, "idp");
  auto acct = number(c, "acct");
  return (!idp.empty() && idp != iss) || (acct && *acct == 1);
}

std::optional<ExpectedIssuer> expected_issuer(const Config* cfg) {
  if (!cfg || !cfg->provider.metadata_url) return std::nullopt;
  const std::string& metadata_url = cfg->provider.metadata_url->value;
  auto u = Uri::parse(metadata_url);
  if (!u || !u->has_authority) return std::nullopt;
  std::string base = metadata_url.substr(0, metadata_url.find("/.well-known/"));
  if (providers::is_entra_login_host(u->host)) {
    std::string tenant = first_segment(u->path);
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

bool entra_version_conflict(const token::TokenFacts& t) {
  std::string iss = issuer(t);
  if (!is_entra_issuer(iss)) return false;
  auto want = expected_issuer(t.config);
  if (!want) return false;
  bool v1 = is_entra_v1_issuer(iss);
  return (v1 && want->entra_v2) || (!v1 && want->entra_v1);
}

const LStr* username_claim(const TokenContext& tc) {
  if (!tc.ctx || !tc.ctx->config.provider.username_claim) return nullptr;
  return &*tc.ctx->config.provider.username_claim;
}

std::optional<AudienceGap> audience_outside_clients(const token::TokenFacts& t, const Config& cfg) {
  AudienceGap gap{audiences(t), {}};
  for (auto& c : cfg.clients)
    if (c.client_id) gap.client_ids.push_back(c.client_id->value);
  if (gap.audiences.empty() || gap.client_ids.empty()) return std::nullopt;
  for (auto& a : gap.audiences)
    for (auto& id : gap.client_ids)
      if (a == id || a == "api://" + id) return std::nullopt;
  return gap;
}

}  // namespace od::rules::tok
