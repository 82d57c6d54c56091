// Options several commands share, and their parsing into domain values.
#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "core/date.h"
#include "core/expected.h"
#include "report/findings.h"
#include "report/terminal.h"

namespace od::cli {

struct CommonOptions {
  std::string config = "oidc-doctor.yaml";
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  std::string today;  // YYYY-MM-DD; empty = the real date (tests and demos pin it)
  bool no_resolve_secrets = false;

  Expected<Date> today_date() const;
  FailOn fail_on_value() const;
  ColorMode color_mode() const;
};

void add_config_option(CLI::App& sub, CommonOptions& o);
void add_report_options(CLI::App& sub, CommonOptions& o);

}  // namespace od::cli
