#include "probes/protocol.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <vector>

#include "core/encoding.h"
#include "core/text.h"
#include "core/uri.h"

namespace od::probes {

namespace {
constexpr std::string_view kDiscoverySuffix = "/.well-known/openid-configuration";
}

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

std::string host_port(std::string_view url) {
  auto u = Uri::parse(url);
  if (!u) return std::string(url);
  return u->host + ":" + std::to_string(u->effective_port());
}

bool is_json_content_type(std::string_view ct) {
  std::string t = to_lower(ct.substr(0, ct.find(';')));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t == "application/json" || t.ends_with("+json");
}

std::string random_token(size_t bytes) {
  std::vector<unsigned char> b(bytes);
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
    for (auto& x : b) x = static_cast<unsigned char>(std::rand());
  return base64url_encode({reinterpret_cast<const char*>(b.data()), b.size()});
}

std::string s256(const std::string& verifier) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), md);
  return base64url_encode({reinterpret_cast<const char*>(md), sizeof md});
}

}  // namespace od::probes
