// Options several commands share, their parsing into the app layer's option structs, and
// writing what the app layer returns.
#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "config/model.h"
#include "core/date.h"
#include "core/expected.h"
#include "core/terminal.h"

namespace od::cli {

struct CommonOptions {
  std::string config = "oidc-doctor.yaml";
  std::vector<std::string> configs;  // lint: every CONFIG given (files or folders); empty = `config`
  std::vector<std::string> formats;  // F or F=PATH; none = text (github under GitHub Actions)
  std::string fail_on;               // empty = lint settings, else error
  std::string color = "auto";
  std::string today;  // YYYY-MM-DD; empty = the real date (tests and demos pin it)
  bool no_resolve_secrets = false;
  std::string baseline, write_baseline;
  bool require_reason = false;
  bool print_config = false;
  std::vector<std::string> select, ignore;  // --select / --ignore, one entry per rule, ID, name or prefix

  Expected<Date> today_date() const;
  ColorMode color_mode() const;
};

// `many`: the positional takes several configs (into o.configs), as lint does.
void add_config_option(CLI::App& sub, CommonOptions& o, bool many = false);
// --format (repeatable), --fail-on, --color, suppressions and baselines.
void add_report_options(CLI::App& sub, CommonOptions& o);

// The report options the app layer takes, from the parsed command line.
app::ReportOptions report_options(const CommonOptions& o);
// Writes a report's outputs (stdout or files) and notes (stderr); returns its exit code, or
// kUsage when an output cannot be written.
int emit(const Expected<app::Report>& report);

}  // namespace od::cli
