#pragma once
#include <string>
#include <string_view>

#include "config/model.h"
#include "core/expected.h"
#include "core/files.h"

namespace od {

struct LoadOptions {
  // Resolve ${env:}/${file:} secret references. Off for CI runs that lint without secrets;
  // rules that need a secret's value then stay silent.
  bool resolve_secrets = true;
};

// Reads a YAML (or JSON) config into the model. Any problem comes back as one Error naming
// file:line:column. References to other files (`import:`, `machine_config:`) are only recorded;
// imports/load.h reads them as the step after this one (load_config does both).
Expected<Config> read_config(const std::string& path, const LoadOptions& options = {});
Expected<Config> read_config_text(std::string_view text, const std::string& display_name, const std::string& base_dir,
                                  const LoadOptions& options = {});

// Reads a .oidc-doctor.yaml settings file (a `lint:` section and nothing else).
Expected<LintSection> load_settings(const std::string& path);
// The nearest .oidc-doctor.yaml from `dir` upward, or "".
std::string discover_settings(const std::string& dir);

}  // namespace od
