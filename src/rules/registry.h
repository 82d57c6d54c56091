#pragma once
#include <span>
#include <string_view>

#include "rules/rule.h"

namespace od {

// Every rule, in ID order: generated from the rule files src/rules/<ID>_<name>.cpp, so a rule
// file is registered by existing (scripts/new-rule.sh scaffolds one).
std::span<const Rule* const> all_rules();
// By ID or kebab name, case-insensitive.
const Rule* find_rule(std::string_view id_or_name);
// The rule's documentation page (rules/<ID>.md embedded at build time), or "".
std::string_view rule_doc(std::string_view id);

}  // namespace od
