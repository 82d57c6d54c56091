#include "core/uri.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <arpa/inet.h>

namespace od {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<Uri> Uri::parse(std::string_view text) {
  Uri u;
  u.text = std::string(text);
  if (text.empty() || text.size() > 8192) return std::nullopt;
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view scheme = text.substr(0, colon);
  if (!std::isalpha(static_cast<unsigned char>(scheme[0]))) return std::nullopt;
  for (char c : scheme)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  u.scheme = to_lower(scheme);
  std::string_view rest = text.substr(colon + 1);
  if (size_t h = rest.find('#'); h != std::string_view::npos) {
    u.fragment = std::string(rest.substr(h + 1));
    rest = rest.substr(0, h);
  }
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (rest.starts_with("//")) {
    u.has_authority = true;
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view auth = rest.substr(0, slash);
    u.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
    if (size_t at = auth.rfind('@'); at != std::string_view::npos) auth = auth.substr(at + 1);
    std::string_view hostport = auth;
    size_t port_colon = std::string_view::npos;
    if (auth.starts_with("[")) {
      size_t close = auth.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      if (close + 1 < auth.size()) {
        if (auth[close + 1] != ':') return std::nullopt;
        port_colon = close + 1;
      }
    } else {
      port_colon = auth.rfind(':');
    }
    if (port_colon != std::string_view::npos) {
      std::string_view port = auth.substr(port_colon + 1);
      hostport = auth.substr(0, port_colon);
      if (!port.empty()) {
        int p = 0;
        auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
        if (ec != std::errc() || ptr != port.data() + port.size() || p <= 0 || p > 65535) return std::nullopt;
        u.port = p;
      }
    }
    u.host = std::string(hostport);
    if (u.is_http() && u.host.empty()) return std::nullopt;
  } else {
    u.path = std::string(rest);
  }
  return u;
}

int Uri::effective_port() const {
  if (port) return *port;
  if (scheme == "https") return 443;
  if (scheme == "http") return 80;
  return 0;
}

std::string Uri::origin() const {
  std::string o = scheme + "://" + host;
  if (port) o += ":" + std::to_string(*port);
  return o;
}

bool is_loopback_host(std::string_view host) {
  std::string h = to_lower(host);
  if (h == "localhost" || h.ends_with(".localhost") || h == "[::1]" || h == "::1") return true;
  return h.starts_with("127.") && h.find_first_not_of("0123456789.") == std::string::npos;
}

HostClass host_class(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (is_loopback_host(host)) return HostClass::Loopback;
  if (host.empty() || host.size() > 64) return HostClass::Name;
  const std::string h(host.substr(0, host.find('%')));  // fe80::1%eth0: the zone is not part of the address
  unsigned char a[16];
  auto v4 = [](const unsigned char* b) {
    if (b[0] == 0) return HostClass::Unspecified;
    if (b[0] == 127) return HostClass::Loopback;
    if (b[0] == 169 && b[1] == 254) return HostClass::LinkLocal;
    if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
        (b[0] == 100 && (b[1] & 0xc0) == 64))
      return HostClass::Private;
    return HostClass::Public;
  };
  // inet_aton also reads the forms getaddrinfo accepts (2852039166, 0xa9.0xfe.0xa9.0xfe, 10.1).
  if (in_addr in{}; h.find_first_not_of("0123456789abcdefxABCDEFX.") == std::string::npos && inet_aton(h.c_str(), &in))
    return v4(reinterpret_cast<const unsigned char*>(&in.s_addr));
  if (inet_pton(AF_INET6, h.c_str(), a) != 1) return HostClass::Name;
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(a, a + 12, mapped)) return v4(a + 12);
  if (std::all_of(a, a + 16, [](unsigned char c) { return c == 0; })) return HostClass::Unspecified;
  if (std::all_of(a, a + 15, [](unsigned char c) { return c == 0; }) && a[15] == 1) return HostClass::Loopback;
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return HostClass::LinkLocal;
  if ((a[0] & 0xfe) == 0xfc) return HostClass::Private;
  return HostClass::Public;
}

std::string_view host_class_words(HostClass c) {
  switch (c) {
    case HostClass::Name: return "a host name";
    case HostClass::Public: return "a public address";
    case HostClass::Private: return "a private address";
    case HostClass::Loopback: return "a loopback address";
    case HostClass::LinkLocal: return "a link-local address";
    case HostClass::Unspecified: return "an unspecified address";
  }
  return "an address";
}

std::optional<std::vector<std::string>> near_miss(const Uri& expected, const Uri& registered) {
  if (expected.text == registered.text) return std::nullopt;
  if (!expected.has_authority || !registered.has_authority) return std::nullopt;
  if (expected.query != registered.query || expected.fragment != registered.fragment) return std::nullopt;
  std::vector<std::string> diffs;
  if (expected.scheme != registered.scheme) {
    if (!expected.is_http() || !registered.is_http()) return std::nullopt;
    diffs.push_back(registered.scheme + " instead of " + expected.scheme);
  }
  if (expected.host != registered.host) {
    if (!iequals(expected.host, registered.host)) return std::nullopt;
    diffs.push_back("host case differs");
  }
  if (expected.port != registered.port) {
    bool same_effective =
        expected.effective_port() == registered.effective_port() && expected.scheme == registered.scheme;
    if (same_effective)
      diffs.push_back("explicit default port");
    else if (expected.port || registered.port)
      diffs.push_back("port " + (registered.port ? std::to_string(*registered.port) : "default") + " instead of " +
                      (expected.port ? std::to_string(*expected.port) : "default"));
  }
  if (expected.path != registered.path) {
    auto strip = [](std::string p) {
      while (p.size() > 1 && p.back() == '/') p.pop_back();
      if (p == "/") p.clear();
      return p;
    };
    std::string a = strip(expected.path), b = strip(registered.path);
    if (a != b && !iequals(a, b)) return std::nullopt;
    if (a.size() == b.size() && expected.path.size() != registered.path.size())
      diffs.push_back(registered.path.size() > expected.path.size() ? "extra trailing slash"
                                                                    : "missing trailing slash");
    if (a != b) diffs.push_back("path case differs");
  }
  if (diffs.empty()) return std::nullopt;
  return diffs;
}

}  // namespace od
