// Checks on the documents an IdP publishes (discovery document, JWKS). Pure functions of the
// document, so tests feed them JSON directly and preflight feeds them what it fetched.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace od::probes {

struct Issue {
  const Rule* rule = nullptr;
  std::string message;
  std::string fix;  // empty = the rule's generic fix
  std::string key;  // logical identity within the metadata URL
};

struct DiscoveryFacts {
  std::string metadata_url;
  std::string provider_kind;
  bool needs_refresh = false;            // some client on this IdP needs refresh tokens
  bool has_confidential_secret = false;  // some client on this IdP authenticates with a secret
};

std::vector<Issue> check_discovery_document(const nlohmann::json& doc, const DiscoveryFacts& facts);
std::vector<Issue> check_jwks_document(std::string_view body);

// The issuer a discovery URL stands for (the URL without /.well-known/openid-configuration),
// or "" when the URL does not end that way.
std::string expected_issuer(std::string_view metadata_url);
// Plain http to a host that is not loopback: never sent.
bool insecure_http(std::string_view url);
// An absolute http(s) URL we may send a probe to.
bool usable_endpoint(std::string_view url);
// scheme://host:port with the host lower-cased and the port explicit.
std::string origin_of(std::string_view url);
// application/json or any +json type, parameters ignored.
bool is_json_content_type(std::string_view content_type);

}  // namespace od::probes
