// Subcommands as one table: `--help` and the man page's command list come from it.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <string_view>

#include "core/expected.h"

namespace od::cli {

enum Exit { kOk = 0, kFindings = 1, kUsage = 2, kInternal = 3 };

using Action = std::function<int()>;

struct Command {
  std::string_view name;
  std::string_view summary;
  void (*setup)(CLI::App& sub, Action& action);
};

std::span<const Command> commands();
int run(int argc, char** argv);

// Shared by commands: print "oidc-doctor: <error>" on stderr and return kUsage.
int report_error(const Error& e);

// Each command's setup lives in its own cmd_*.cpp.
void setup_diagnose(CLI::App&, Action&);
void setup_init(CLI::App&, Action&);
void setup_inspect_token(CLI::App&, Action&);
void setup_lint(CLI::App&, Action&);
void setup_preflight(CLI::App&, Action&);
void setup_redirect_uris(CLI::App&, Action&);
void setup_report(CLI::App&, Action&);
void setup_rules(CLI::App&, Action&);
void setup_schema(CLI::App&, Action&);
void setup_completions(CLI::App&, Action&);

}  // namespace od::cli
