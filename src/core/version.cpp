#include "core/version.h"

#include <charconv>

namespace od {

std::optional<Version> Version::parse(std::string_view text) {
  Version v;
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  while (true) {
    int n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || p == text.data() || v.parts.size() >= 6) return std::nullopt;
    v.parts.push_back(n);
    text.remove_prefix(static_cast<size_t>(p - text.data()));
    if (text.empty()) return v;
    if (text[0] != '.') return std::nullopt;
    text.remove_prefix(1);
  }
}

std::string Version::str() const {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? "." : "") + std::to_string(parts[i]);
  return s;
}

int compare(const Version& a, const Version& b) {
  size_t n = std::max(a.parts.size(), b.parts.size());
  for (size_t i = 0; i < n; ++i) {
    int x = i < a.parts.size() ? a.parts[i] : 0;
    int y = i < b.parts.size() ? b.parts[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace od
