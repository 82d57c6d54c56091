#pragma once
#include <vector>

#include "rules/rule.h"

namespace od {

// Builds a finding for `rule` the way lint does (predicted errors from the catalogue, logical
// key, location in cfg.file). Probes use it so live findings look exactly like offline ones.
Finding make_finding(const Config& cfg, const Rule& rule, Pos where, std::string message, Extra extra = {});

// Runs every registered offline rule (probe rules have no `check`) on a loaded config. Findings come back sorted by file position,
// then rule ID, so output is deterministic.
std::vector<Finding> run_rules(const Config& config, Date today);

}  // namespace od
