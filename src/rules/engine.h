#pragma once
#include <vector>

#include "rules/rule.h"

namespace od {

// Runs every registered offline rule on a loaded config. Findings come back in the one report
// order (sort_findings), so output is deterministic.
std::vector<Finding> run_rules(const Config& config, Date today);

}  // namespace od
