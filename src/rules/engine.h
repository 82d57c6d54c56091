#pragma once
#include <vector>

#include "probes/facts.h"
#include "rules/rule.h"

namespace od {

// Runs every registered offline rule on a loaded config. Findings come back in the one report
// order (sort_findings), so output is deterministic.
std::vector<Finding> run_rules(const Config& config, Date today);

// Runs every registered probe rule on what preflight learnt (probes::run_probes). A rule reports
// the same (environment, key, client) once however many probes show it; messages never carry a
// client secret. Sorted like run_rules.
std::vector<Finding> run_probe_rules(const Config& config, const probes::Facts& facts, Date today);

// Runs every registered token rule on one decoded token. Findings come in rule ID order (the
// order a validator asks its questions: what the token is, signature, claims, then the config).
std::vector<Finding> run_token_rules(const TokenContext& tc);

}  // namespace od
