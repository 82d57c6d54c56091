#pragma once
#include <span>
#include <string_view>

#include "rules/rule.h"

namespace od {

// Every rule, in ID order. Adding a rule = one line in registry.cpp.
std::span<const Rule* const> all_rules();
// By ID or kebab name, case-insensitive.
const Rule* find_rule(std::string_view id_or_name);
// The rule's documentation page (rules/<ID>.md embedded at build time), or "".
std::string_view rule_doc(std::string_view id);

}  // namespace od
