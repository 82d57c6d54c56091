#include <fmt/format.h>

#include <functional>
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "core/text.h"

namespace od::cli {

namespace {
constexpr Command kCommands[] = {
    {"diagnose", "Explain a pasted sign-in error, log or HAR file: cause, fix and the place in the config",
     setup_diagnose},
    {"init", "Write a starter config for a platform and a provider, or from an IdP export", setup_init},
    {"inspect-token", "Decode a pasted JWT, verify its signature and say why a platform would refuse it",
     setup_inspect_token},
    {"lint", "Check a config offline and predict the sign-in errors it would cause", setup_lint},
    {"preflight", "Lint, then probe the live IdP from every environment's network path", setup_preflight},
    {"redirect-uris",
     "Print, per client, the redirect URIs to register, where each goes at the IdP, and ready-to-run forms",
     setup_redirect_uris},
    {"report", "Draw a saved JSON result (lint, preflight, diagnose) as a self-contained HTML page", setup_report},
    {"rules", "List the lint rules, or explain one (rules explain OD2001)", setup_rules},
    {"schema", "Print the JSON Schema of the config file", setup_schema},
    {"completions", "Print a completion script for bash, zsh or fish", setup_completions},
};

std::string hint(std::string_view word, std::span<const std::string_view> candidates) {
  std::string m = did_you_mean(word, candidates);
  return m.empty() ? "" : " (did you mean `" + m + "`?)";
}

std::vector<std::string_view> command_names() {
  std::vector<std::string_view> names;
  for (auto& c : kCommands) names.push_back(c.name);
  return names;
}

// After a parse error in `sub`: the first argument that looks like an option but is none of
// sub's, so the message names it (CLI11 alone lists it among "arguments not expected").
std::string unknown_option_message(CLI::App& sub, int argc, char** argv, int first) {
  std::vector<std::string> known;
  std::function<void(CLI::App&)> collect = [&](CLI::App& a) {
    for (const CLI::Option* opt : a.get_options()) {
      for (auto& l : opt->get_lnames()) known.push_back("--" + l);
      for (auto& s : opt->get_snames()) known.push_back("-" + s);
    }
    for (CLI::App* nested : a.get_subcommands({})) collect(*nested);
  };
  collect(sub);
  std::vector<std::string_view> views(known.begin(), known.end());
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-') continue;
    a = a.substr(0, a.find('='));
    if (std::find(known.begin(), known.end(), a) != known.end()) continue;
    return fmt::format("unknown option `{}` for `{}`{}; see oidc-doctor help {}", a, sub.get_name(), hint(a, views),
                       sub.get_name());
  }
  return "";
}
}  // namespace

std::span<const Command> commands() { return kCommands; }

int report_error(const Error& e) {
  // Every error reaches the terminal through here: whatever a message quotes from outside, it is
  // one line without control characters (the layers that build messages do so too).
  std::cerr << "oidc-doctor: " << printable(e.str()) << "\n";
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
  auto names = command_names();
  // `help` and `help COMMAND` print what --help prints; an unknown command is named with a hint.
  if (argc >= 2 && std::string_view(argv[1]) == "help") {
    if (argc == 2) {
      std::cout << app.help();
      return kOk;
    }
    for (auto* sub : subs)
      if (sub->get_name() == argv[2]) {
        std::cout << sub->help("oidc-doctor");
        return kOk;
      }
    std::cerr << "oidc-doctor: unknown command `" << argv[2] << "`" << hint(argv[2], names)
              << "; run oidc-doctor help for the list\n";
    return kUsage;
  }
  if (argc >= 2 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    std::cerr << "oidc-doctor: unknown command `" << argv[1] << "`" << hint(argv[1], names)
              << "; run oidc-doctor help for the list\n";
    return kUsage;
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
    if (argc >= 2)
      for (auto* sub : subs)
        if (sub->get_name() == argv[1]) {
          if (auto msg = unknown_option_message(*sub, argc, argv, 2); !msg.empty()) {
            std::cerr << "oidc-doctor: " << msg << "\n";
            return kUsage;
          }
        }
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
