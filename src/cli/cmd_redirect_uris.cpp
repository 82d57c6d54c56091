#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/json.h"
#include "imports/load.h"
#include "platforms/platform.h"

namespace od::cli {

namespace {
int run(const CommonOptions& o) {
  auto cfg = load_config(o.config, {.resolve_secrets = false});
  if (!cfg) return report_error(cfg.error());
  const Platform& platform = platform_for(cfg->platform);
  nlohmann::ordered_json doc = {{"schema", 1}, {"clients", nlohmann::ordered_json::array()}};
  std::string text;
  for (auto& c : cfg->clients) {
    auto sign_in = platform.redirect_uris(*cfg, c);
    auto sign_out = platform.logout_uris(*cfg, c);
    std::string id = c.client_id ? c.client_id->value : "";
    auto section = [&](const char* what, const std::vector<ExpectedUri>& uris) {
      if (uris.empty()) return;
      text += "# " + c.label + (id.empty() ? "" : " (" + id + ")") + ": " + what + "\n";
      for (auto& u : uris) text += u.uri + "\n";
      text += "\n";
    };
    section("sign-in redirect URIs", sign_in);
    section("sign-out redirect URIs", sign_out);
    auto list = [](const std::vector<ExpectedUri>& uris) {
      auto a = nlohmann::ordered_json::array();
      for (auto& u : uris)
        a.push_back({{"uri", u.uri},
                     {"environment",
                      u.environment.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(u.environment)},
                     {"purpose", u.purpose}});
      return a;
    };
    doc["clients"].push_back(
        {{"client", c.id}, {"client_id", id}, {"redirect_uris", list(sign_in)}, {"logout_uris", list(sign_out)}});
  }
  if (!o.formats.empty() && o.formats.front() == "json")
    std::cout << dump_json(doc, 2) << "\n";
  else
    std::cout << (text.empty() ? "# this platform needs no fixed redirect URIs (set app.redirect_path)\n" : text);
  return kOk;
}
}  // namespace

void setup_redirect_uris(CLI::App& sub, Action& action) {
  auto o = std::make_shared<CommonOptions>();
  sub.add_option("config", o->config, "Config file (YAML or JSON)")->capture_default_str();
  sub.add_option("--format", o->formats, "Output format: text or json")
      ->expected(1)
      ->check(CLI::IsMember({"text", "json"}));
  action = [o] { return run(*o); };
}

}  // namespace od::cli
