// preflight: asks the live IdP, from each environment's network path, the questions that
// decide whether sign-in will work, and keeps the answers as facts. The probe rules
// (src/rules/OD3xxx, run by run_probe_rules) turn the facts into findings.
#pragma once
#include "config/model.h"
#include "core/date.h"
#include "net/transport.h"
#include "probes/facts.h"

namespace od::probes {

struct PreflightSettings {
  Date today;
  // Replaying: requests are answered from a recording, so secrets are neither needed nor sent.
  bool replay = false;
  // false: the provider wording tables (catalogue, sign-in page markers) are not consulted, and
  // the verdicts rest on the protocol and the canary comparison alone (a test switch).
  bool wordings = true;
};

// Plans every probe, runs them all through `net` at once, then reads the answers in config
// order (classification, certificates), so the facts do not depend on which answer came first.
Facts run_probes(const Config& cfg, Transport& net, const PreflightSettings& settings);

}  // namespace od::probes
