#include "cli/options.h"

namespace od::cli {

Expected<Date> CommonOptions::today_date() const {
  if (today.empty()) return Date::today_utc();
  if (auto d = Date::parse(today)) return *d;
  return Error{"--today", "expects a date as YYYY-MM-DD, got " + today};
}

FailOn CommonOptions::fail_on_value() const {
  if (fail_on == "warning") return FailOn::Warning;
  if (fail_on == "info") return FailOn::Info;
  if (fail_on == "never") return FailOn::Never;
  return FailOn::Error;
}

ColorMode CommonOptions::color_mode() const {
  if (color == "always") return ColorMode::Always;
  if (color == "never") return ColorMode::Never;
  return ColorMode::Auto;
}

void add_config_option(CLI::App& sub, CommonOptions& o) {
  sub.add_option("config", o.config, "Config file (YAML or JSON)")->capture_default_str();
  sub.add_flag("--no-resolve-secrets", o.no_resolve_secrets,
               "Do not read ${env:}/${file:} secrets (CI without secrets); secret-content rules stay silent");
  sub.add_option("--today", o.today, "Pretend today is YYYY-MM-DD (reproducible expiry checks)");
}

void add_report_options(CLI::App& sub, CommonOptions& o) {
  sub.add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub.add_option("--fail-on", o.fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  sub.add_option("--color", o.color, "Colour text output: auto honours NO_COLOR, FORCE_COLOR and the terminal")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

}  // namespace od::cli
