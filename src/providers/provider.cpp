#include "providers/provider.h"

#include <vector>

#include "core/text.h"
#include "core/uri.h"

namespace od::providers {

namespace units {
extern const ProviderInfo entra, okta, keycloak, auth0, google, adfs, ping, cognito, salesforce, snowflake, github,
    generic;
}  // namespace units

namespace {

// Caveats that come from the platform, whatever the provider.
constexpr Caveat kPlatformCaveats[] = {
    {"outsystems", "sub", "`sub` is an opaque, per-client identifier; it never equals a platform username"},
};

bool any_iequal(std::span<const std::string_view> list, std::string_view s) {
  for (auto x : list)
    if (iequals(x, s)) return true;
  return false;
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty()) return parts;
  if (path.starts_with("/")) path.remove_prefix(1);
  while (true) {
    size_t j = path.find('/');
    parts.push_back(path.substr(0, j));
    if (j == std::string_view::npos) break;
    path.remove_prefix(j + 1);
  }
  return parts;
}

// One sign-in list and one sign-out list, whatever the provider calls them.
constexpr UriList kGenericLists[] = {
    {"sign-in", "Sign-in redirect URIs", "", ""},
    {"sign-out", "Sign-out redirect URIs", "", ""},
};
const UriList* generic_place(std::string_view, bool sign_out, Redeemer) { return &kGenericLists[sign_out ? 1 : 0]; }
constexpr UriLayout kGenericLayout{.lists = kGenericLists, .place = generic_place};

}  // namespace

const UriLayout& uri_layout(std::string_view kind) {
  const ProviderInfo* p = find(kind);
  return p && p->uri_layout ? *p->uri_layout : kGenericLayout;
}

const UriList& place_uri(std::string_view kind, std::string_view uri, bool sign_out, Redeemer redeemer) {
  return *uri_layout(kind).place(uri, sign_out, redeemer);
}

Redeemer redeemer_of(std::string_view uri, bool confidential_client) {
  auto u = Uri::parse(uri);
  return confidential_client && u && u->is_http() ? Redeemer::Server : Redeemer::Installed;
}

std::span<const ProviderInfo* const> registry() {
  static constexpr const ProviderInfo* kUnits[] = {
      &units::entra, &units::okta,    &units::keycloak,   &units::auth0,     &units::google, &units::adfs,
      &units::ping,  &units::cognito, &units::salesforce, &units::snowflake, &units::github, &units::generic,
  };
  return kUnits;
}

const ProviderInfo* find(std::string_view kind) {
  for (auto* p : registry())
    if (p->kind == kind) return p;
  return nullptr;
}

const ProviderInfo& info(std::string_view kind) {
  const ProviderInfo* p = find(kind);
  return p ? *p : units::generic;
}

std::span<const std::string_view> kinds() {
  static const std::vector<std::string_view> out = [] {
    std::vector<std::string_view> v;
    for (auto* p : registry()) v.push_back(p->kind);
    return v;
  }();
  return out;
}

std::span<const std::string_view> template_names() {
  static const std::vector<std::string_view> out = [] {
    std::vector<std::string_view> v;
    for (auto* p : registry())
      for (auto t : p->templates) v.push_back(t);
    return v;
  }();
  return out;
}

std::optional<std::string_view> template_kind(std::string_view template_name) {
  for (auto* p : registry())
    for (auto t : p->templates)
      if (t == template_name) return p->kind;
  return std::nullopt;
}

std::string_view kind_from_issuer(std::string_view iss) {
  auto u = Uri::parse(iss);
  if (!u) return "generic";
  const std::string host = to_lower(u->host);
  for (auto* p : registry()) {
    if (any_iequal(p->login_hosts, host) || any_iequal(p->issuer_hosts, host)) return p->kind;
    for (auto s : p->issuer_host_suffixes)
      if (host.ends_with(s)) return p->kind;
    if (!p->issuer_path_marker.empty() && u->path.find(p->issuer_path_marker) != std::string::npos) return p->kind;
  }
  return "generic";
}

std::optional<std::string_view> claim_caveat(std::string_view platform, std::string_view kind, std::string_view claim) {
  auto applies = [&](const Caveat& c) { return (c.platform == platform || c.platform == "*") && c.claim == claim; };
  if (const ProviderInfo* p = find(kind))
    for (auto& c : p->caveats)
      if (applies(c)) return c.why;
  for (auto& c : kPlatformCaveats)
    if (applies(c)) return c.why;
  return std::nullopt;
}

std::optional<std::string_view> refresh_scope(std::string_view kind) { return info(kind).refresh_scope; }

bool is_shared_tenant_url(std::string_view kind, std::string_view url) {
  const ProviderInfo& p = info(kind);
  if (p.shared_tenants.empty()) return false;
  auto u = Uri::parse(url);
  if (!u) return false;
  for (auto seg : path_segments(u->path))
    if (any_iequal(p.shared_tenants, seg)) return true;
  return false;
}

bool is_tenant_alias(std::string_view kind, std::string_view issuer, std::string_view url_issuer) {
  if (!info(kind).tenant_alias_by_id) return false;
  auto a = Uri::parse(issuer), b = Uri::parse(url_issuer);
  if (!a || !b || !iequals(a->host, b->host)) return false;
  auto pa = path_segments(a->path), pb = path_segments(b->path);
  if (pa.empty() || pa.size() != pb.size()) return false;
  for (size_t i = 1; i < pa.size(); ++i)
    if (pa[i] != pb[i]) return false;
  return looks_like_guid(pa[0]) && !looks_like_guid(pb[0]);
}

bool trailing_wildcard_matches(std::string_view pattern, std::string_view uri) {
  if (!pattern.ends_with('*') || pattern.find('?') != std::string_view::npos) return pattern == uri;
  uri = uri.substr(0, uri.find('?'));
  std::string_view prefix = pattern.substr(0, pattern.size() - 1);
  if (uri.starts_with(prefix)) return true;
  if (prefix.size() > 1 && prefix.ends_with('/')) prefix.remove_suffix(1);
  return uri == prefix;
}

bool is_entra_shared_tenant(std::string_view segment) { return any_iequal(units::entra.shared_tenants, segment); }

bool is_entra_login_host(std::string_view host) { return any_iequal(units::entra.login_hosts, host); }

}  // namespace od::providers
