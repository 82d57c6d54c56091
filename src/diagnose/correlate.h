// Narrowing a diagnosis with the user's config: the lint findings behind the error, which
// environment and client a quoted redirect URI belongs to (or why it belongs to none), and
// where in the file to change what.
#pragma once
#include <vector>

#include "config/model.h"
#include "diagnose/engine.h"
#include "findings/finding.h"

namespace od::diagnose {

// Fills Diagnosis::config for every diagnosis. `findings` are run_rules() on `cfg`.
void correlate(std::vector<Diagnosis>& diagnoses, const Config& cfg, const std::vector<Finding>& findings);

// What the config says about one redirect URI seen in an error (exposed for tests).
std::vector<ConfigItem> explain_redirect_uri(const Config& cfg, const std::string& uri);

}  // namespace od::diagnose
