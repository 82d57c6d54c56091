#include <memory>

#include "cli/commands.h"
#include "cli/options.h"

namespace od::cli {

void setup_redirect_uris(CLI::App& sub, Action& action) {
  auto o = std::make_shared<app::RedirectUrisOptions>();
  sub.add_option("config", o->config, "Config file (YAML or JSON)")->capture_default_str();
  sub.add_option("--format", o->format, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  sub.footer(
      "Per client: the provider list each URI goes in (Entra: Web, Single-page application, Mobile and desktop "
      "applications; Okta: sign-in and sign-out), whether redirect_uris/logout_uris hold it, and ready-to-run forms "
      "(az ad app update, manifest fragment, Okta apps API body).");
  action = [o] { return emit(app::redirect_uris(*o)); };
}

}  // namespace od::cli
