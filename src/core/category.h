// The shared category vocabulary: lint findings, probe results and diagnoses all use it, so a
// diagnosis can point at the lint rules that would have caught the same problem.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace od {

struct CategoryInfo {
  std::string_view name;
  std::string_view summary;
};

std::span<const CategoryInfo> categories();
bool is_category(std::string_view name);

}  // namespace od
