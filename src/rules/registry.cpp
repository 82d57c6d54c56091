#include "rules/registry.h"

#include <algorithm>

#include "core/uri.h"

namespace od {
namespace generated {
const std::vector<std::pair<std::string_view, std::string_view>>& rule_docs();
}

namespace generated {
std::span<const Rule* const> rule_registry();  // build/generated/rule_registry.cpp, from the file names
}

std::span<const Rule* const> all_rules() { return generated::rule_registry(); }

const Rule* find_rule(std::string_view id_or_name) {
  for (const Rule* r : all_rules())
    if (iequals(r->id, id_or_name) || iequals(r->name, id_or_name)) return r;
  return nullptr;
}

std::string_view rule_doc(std::string_view id) {
  for (auto& [doc_id, text] : generated::rule_docs())
    if (doc_id == id) return text;
  return {};
}

}  // namespace od
