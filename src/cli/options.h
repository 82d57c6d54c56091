// Options several commands share, their parsing into domain values, and the last step every
// findings command takes (policy, outputs, exit code).
#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "core/expected.h"
#include "report/findings.h"
#include "report/terminal.h"

namespace od::cli {

struct CommonOptions {
  std::string config = "oidc-doctor.yaml";
  std::vector<std::string> formats;  // F or F=PATH; none = text (github under GitHub Actions)
  std::string fail_on;               // empty = lint settings, else error
  std::string color = "auto";
  std::string today;  // YYYY-MM-DD; empty = the real date (tests and demos pin it)
  bool no_resolve_secrets = false;
  std::string baseline, write_baseline;
  bool require_reason = false;
  bool print_config = false;

  Expected<Date> today_date() const;
  ColorMode color_mode() const;
};

void add_config_option(CLI::App& sub, CommonOptions& o);
// --format (repeatable), --fail-on, --color, suppressions and baselines.
void add_report_options(CLI::App& sub, CommonOptions& o);

// Applies settings, suppressions and the baseline to `findings`, writes every requested report
// and returns the exit code. `command` is "lint" or "preflight".
int finish_report(const CommonOptions& o, const Config& cfg, std::vector<Finding>& findings, Date today,
                  const std::string& command);

}  // namespace od::cli
