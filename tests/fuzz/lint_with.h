// Linting a config in every format: the config targets lint the fuzzed bytes themselves (named
// .yaml or .json), the others a small fixed config that names the fuzzed file (an export, a
// machine.config, a baseline) through `import:`-like references.
#pragma once
#include <string>

#include "fuzz.h"

namespace od::fuzz {

inline void lint_config_text(const std::string& config, const std::string& baseline = "",
                             const std::string& name = "oidc-doctor.yaml") {
  app::LintOptions o;
  o.config = write_scratch(name, config);
  o.resolve_secrets = false;
  o.today = Date::parse("2026-11-22");
  o.report.formats = every_format(config.size() + baseline.size());
  o.report.settings_dir = scratch_dir();
  o.report.baseline = baseline;
  auto r = app::lint(o);
  if (!r)
    OD_FUZZ_CHECK(one_line(r.error().message));
  else
    check_report(*r);
}

// An OutSystems config for `kind` with a web client; `client_extra` and `env_extra` are added
// to the web client and to the one environment (each a "key: value" line or "").
inline std::string small_config(const std::string& kind, const std::string& client_extra,
                                const std::string& env_extra) {
  return "version: 1\nplatform: outsystems\nprovider:\n  name: fuzzed\n  kind: " + kind +
         "\n  metadata_url: https://idp.example/.well-known/openid-configuration\n"
         "  username_claim: email\n  web_client:\n    client_id: consoles\n"
         "    grant_types: [authorization_code, refresh_token]\n" +
         (client_extra.empty() ? "" : "    " + client_extra + "\n") +
         "environments:\n  - name: prod\n    url: https://apps.example.com\n" +
         "    versions: { platform_server: 11.18.1 }\n" + (env_extra.empty() ? "" : "    " + env_extra + "\n");
}

}  // namespace od::fuzz
