#pragma once
#include <vector>

#include "rules/rule.h"

namespace od {

// Runs every registered offline rule on a loaded config. Findings come back in the one report
// order (sort_findings), so output is deterministic.
std::vector<Finding> run_rules(const Config& config, Date today);

// Runs every registered token rule on one decoded token. Findings come in rule ID order (the
// order a validator asks its questions: what the token is, signature, claims, then the config).
std::vector<Finding> run_token_rules(const TokenContext& tc);

}  // namespace od
