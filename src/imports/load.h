// Loading a config is two steps: the config layer reads the file into the model, then this step
// reads what it refers to (IdP exports named by `import:`, machine.config files) and merges
// them in. Every command loads through here.
#pragma once
#include "config/loader.h"

namespace od {

// Reads the exports and machine.config files a config names, in config order: the provider's
// clients, then the environments, then the integrations (the order of cfg.sources).
std::optional<Error> apply_imports(Config& cfg);

Expected<Config> load_config(const std::string& path, const LoadOptions& options = {});
Expected<Config> load_config_text(std::string_view text, const std::string& display_name, const std::string& base_dir,
                                  const LoadOptions& options = {});

}  // namespace od
