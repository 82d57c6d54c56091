// preflight: asks the live IdP, from each environment's network path, the questions that
// decide whether sign-in will work, and turns the answers into findings of the OD3xxx rules.
#pragma once
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "net/transport.h"
#include "rules/rule.h"

namespace od::probes {

struct PreflightSettings {
  Date today;
  // Replaying: requests are answered from a recording, so secrets are neither needed nor sent.
  bool replay = false;
};

// Plans every probe, runs them all through `net` at once, then reads the answers in config
// order so the findings do not depend on which answer came first.
std::vector<Finding> run_preflight(const Config& cfg, Transport& net, const PreflightSettings& settings);

}  // namespace od::probes
