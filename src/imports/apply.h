// How the config loader uses exports: `import:` on a client merges the IdP's registered values
// into the client, and `proxy: { machine_config: }` fills an environment's effective proxy.
#pragma once
#include <optional>
#include <string>

#include "config/model.h"
#include "core/expected.h"

namespace od::imports {

// Called for every client once its own keys are read. `import` is the client's `import:` value,
// if any; paths are relative to `base_dir` (the config's folder). Adds read files to cfg.sources.
std::optional<Error> merge_client(Config& cfg, Client& c, const std::optional<LStr>& import,
                                  const std::string& base_dir);

// Reads `machine_config` into `proxy` (whose key the loader has set).
std::optional<Error> apply_machine_config(Config& cfg, Proxy& proxy, const LStr& machine_config,
                                          const std::string& base_dir);

}  // namespace od::imports
