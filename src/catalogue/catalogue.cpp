#include "catalogue/catalogue.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace od::catalogue {

// Defined in the generated catalogue_data.cpp.
namespace generated {
std::span<const Entry> entries();
std::span<const Family> families();
std::span<const Prediction> predictions();
std::span<const ProviderFile> providers();
std::span<const std::span<const std::string_view>> pattern_literals();
}  // namespace generated

std::span<const Entry> entries() { return generated::entries(); }
std::span<const Family> families() { return generated::families(); }
std::span<const Prediction> predictions() { return generated::predictions(); }
std::span<const ProviderFile> providers() { return generated::providers(); }
std::span<const std::span<const std::string_view>> pattern_literals() { return generated::pattern_literals(); }

const Entry* find(std::string_view code) {
  for (auto& e : entries())
    if (e.code == code) return &e;
  return nullptr;
}

std::string_view display_name(std::string_view provider) {
  for (auto& p : providers())
    if (p.provider == provider) return p.display;
  return provider;
}

std::vector<const Entry*> predicted(std::string_view provider, std::string_view category) {
  std::vector<const Entry*> out;
  for (auto& p : predictions())
    if (p.provider == provider && p.category == category)
      if (auto* e = find(p.code)) out.push_back(e);
  return out;
}

std::vector<RuleLink> linked(std::string_view rule_id) {
  // Built once from the compiled entries; read-only afterwards.
  static const auto index = [] {
    std::unordered_map<std::string, std::vector<RuleLink>> m;
    for (bool same : {true, false})
      for (auto& e : entries())
        for (auto id : same ? e.rules : e.caused_by) m[std::string(id)].push_back({&e, same});
    return m;
  }();
  auto it = index.find(std::string(rule_id));
  return it == index.end() ? std::vector<RuleLink>{} : it->second;
}

}  // namespace od::catalogue
