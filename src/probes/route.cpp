#include "probes/route.h"

#include "core/uri.h"

namespace od::probes {

namespace {
bool glob(std::string_view text, std::string_view pattern) {
  // Iterative * matching; no other metacharacters.
  size_t t = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == text[t])) {
      ++t, ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}
}  // namespace

bool bypassed(std::string_view host_in, std::string_view entry_in) {
  std::string host = to_lower(host_in), entry = to_lower(entry_in);
  if (entry.empty()) return false;
  if (entry == "<local>") return host.find('.') == std::string::npos;
  if (entry.front() == '.') return host.ends_with(entry) || host == entry.substr(1);
  if (entry.find('*') != std::string::npos) return glob(host, entry);
  return host == entry;
}

Route route_for(const Environment& env, std::string_view url) {
  if (env.proxy.state != Proxy::State::Set) return {"", "direct"};
  auto u = Uri::parse(url);
  std::string host = u ? u->host : "";
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
  if (env.proxy.bypass)
    for (auto& b : env.proxy.bypass->items)
      if (bypassed(host, b.value)) return {"", "direct (bypass " + b.value + ")"};
  return {env.proxy.address.value, "proxy " + env.proxy.address.value};
}

}  // namespace od::probes
