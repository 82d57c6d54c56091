#pragma once
#include <vector>

#include "rules/rule.h"

namespace od {

// Runs every registered rule on a loaded config. Findings come back sorted by file position,
// then rule ID, so output is deterministic.
std::vector<Finding> run_rules(const Config& config, Date today);

}  // namespace od
