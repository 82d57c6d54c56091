#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace od {

// A dotted numeric version such as 11.18.1; missing trailing parts compare as zero.
struct Version {
  std::vector<int> parts;
  static std::optional<Version> parse(std::string_view text);
  std::string str() const;
  friend int compare(const Version& a, const Version& b);
  friend bool operator<(const Version& a, const Version& b) { return compare(a, b) < 0; }
};

}  // namespace od
