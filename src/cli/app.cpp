#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"

namespace od::cli {

namespace {
constexpr Command kCommands[] = {
    {"diagnose", "Explain a pasted sign-in error, log or HAR file: cause, fix and the place in the config",
     setup_diagnose},
    {"inspect-token", "Decode a pasted JWT, verify its signature and say why a platform would refuse it",
     setup_inspect_token},
    {"lint", "Check a config offline and predict the sign-in errors it would cause", setup_lint},
    {"preflight", "Lint, then probe the live IdP from every environment's network path", setup_preflight},
    {"redirect-uris", "Print, per client, the exact redirect URIs to register at the IdP", setup_redirect_uris},
    {"rules", "List the lint rules, or explain one (rules explain OD2001)", setup_rules},
    {"schema", "Print the JSON Schema of the config file", setup_schema},
    {"completions", "Print a completion script for bash, zsh or fish", setup_completions},
};
}  // namespace

std::span<const Command> commands() { return kCommands; }

int report_error(const Error& e) {
  std::cerr << "oidc-doctor: " << e.str() << "\n";
  return kUsage;
}

int run(int argc, char** argv) {
  CLI::App app{
      "oidc-doctor: finds and explains single-sign-on (OIDC) misconfigurations before users meet them.\n"
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error, 3 internal error.",
      "oidc-doctor"};
  app.set_version_flag("--version", std::string("oidc-doctor ") + OD_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  std::vector<Action> actions(std::size(kCommands));
  std::vector<CLI::App*> subs;
  for (size_t i = 0; i < std::size(kCommands); ++i) {
    auto* sub = app.add_subcommand(std::string(kCommands[i].name), std::string(kCommands[i].summary));
    kCommands[i].setup(*sub, actions[i]);
    subs.push_back(sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "oidc-doctor: " << e.what() << "\n";
    if (auto* hint = dynamic_cast<const CLI::RequiredError*>(&e); hint && argc < 2) {
      std::string names;
      for (auto& c : kCommands) names += (names.empty() ? "" : ", ") + std::string(c.name);
      std::cerr << "Commands: " << names << ". Try oidc-doctor --help\n";
    }
    return kUsage;
  }
  for (size_t i = 0; i < subs.size(); ++i)
    if (subs[i]->parsed()) return actions[i]();
  return kUsage;
}

}  // namespace od::cli
