// A small URI parser for the comparisons IdPs make. It never normalises what it keeps:
// IdPs compare redirect URIs exactly, so the original spelling must survive.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace od {

struct Uri {
  std::string text;    // as written
  std::string scheme;  // lower-cased
  bool has_authority = false;
  std::string host;  // as written (brackets kept for IPv6)
  std::optional<int> port;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;

  static std::optional<Uri> parse(std::string_view text);
  bool is_http() const { return scheme == "http" || scheme == "https"; }
  int effective_port() const;
  // scheme://host[:port] exactly as written (scheme lower-cased).
  std::string origin() const;
};

bool is_loopback_host(std::string_view host);

// What a host is, for the addresses preflight never connects to. Literal IPv4 and IPv6
// addresses (brackets allowed, IPv4-mapped IPv6 read as IPv4) are classified by range; of names
// only the loopback ones (localhost) are known, any other is Name.
enum class HostClass {
  Name,         // a DNS name other than localhost: its address is checked when it resolves
  Public,       // any other address
  Private,      // 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier NAT), fc00::/7
  Loopback,     // 127/8, ::1, localhost
  LinkLocal,    // 169.254/16 (cloud metadata services live here), fe80::/10
  Unspecified,  // 0.0.0.0/8, ::
};
HostClass host_class(std::string_view host);
// "a link-local address", "a private address", ... for messages.
std::string_view host_class_words(HostClass c);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

// How a registered URI differs from an expected one when it is "almost" the same. Empty
// optional: not a near miss (or identical). Otherwise human words for every difference.
std::optional<std::vector<std::string>> near_miss(const Uri& expected, const Uri& registered);

}  // namespace od
