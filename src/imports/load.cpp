#include "imports/load.h"

#include "imports/apply.h"

namespace od {

std::optional<Error> apply_imports(Config& cfg) {
  for (auto& c : cfg.clients)
    if (c.role != Client::Role::Integration)
      if (auto e = imports::merge_client(cfg, c, c.import_ref, cfg.base_dir)) return e;
  for (auto& env : cfg.environments)
    if (env.proxy.machine_config_ref)
      if (auto e = imports::apply_machine_config(cfg, env.proxy, *env.proxy.machine_config_ref, cfg.base_dir)) return e;
  for (auto& c : cfg.clients)
    if (c.role == Client::Role::Integration)
      if (auto e = imports::merge_client(cfg, c, c.import_ref, cfg.base_dir)) return e;
  return std::nullopt;
}

namespace {
Expected<Config> with_imports(Expected<Config> cfg) {
  if (!cfg) return cfg;
  if (auto e = apply_imports(*cfg)) return *e;
  return cfg;
}
}  // namespace

Expected<Config> load_config(const std::string& path, const LoadOptions& options) {
  return with_imports(read_config(path, options));
}

Expected<Config> load_config_text(std::string_view text, const std::string& display_name, const std::string& base_dir,
                                  const LoadOptions& options) {
  return with_imports(read_config_text(text, display_name, base_dir, options));
}

}  // namespace od
