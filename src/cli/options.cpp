#include "cli/options.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "report/outputs.h"

namespace od::cli {

Expected<Date> CommonOptions::today_date() const {
  if (today.empty()) return Date::today_utc();
  if (auto d = Date::parse(today)) return *d;
  return Error{"--today", "expects a date as YYYY-MM-DD, got " + today};
}

ColorMode CommonOptions::color_mode() const {
  if (color == "always") return ColorMode::Always;
  if (color == "never") return ColorMode::Never;
  return ColorMode::Auto;
}

void add_config_option(CLI::App& sub, CommonOptions& o, bool many) {
  if (many)
    sub.add_option("config", o.configs,
                   "Config files (YAML or JSON) or folders (their *.yaml, *.yml, *.json); default oidc-doctor.yaml");
  else
    sub.add_option("config", o.config, "Config file (YAML or JSON)")->capture_default_str();
  sub.add_flag("--no-resolve-secrets", o.no_resolve_secrets,
               "Do not read ${env:}/${file:} secrets (CI without secrets); secret-content rules stay silent");
  sub.add_option("--today", o.today, "Pretend today is YYYY-MM-DD (reproducible expiry checks)");
}

void add_report_options(CLI::App& sub, CommonOptions& o) {
  sub.add_option(
         "--format", o.formats,
         "Report format, repeatable: text, json, sarif, junit, github, gitlab, concise, html; F=PATH writes to a file")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false)  // one value per --format: `--format json CONFIG` keeps CONFIG positional
      ->check(
          [](const std::string& v) -> std::string {
            // At parse time, so a wrong format is named before any config file is looked for.
            auto r = parse_outputs({v});
            return r ? "" : r.error().message;
          },
          "FORMAT[=PATH]");
  sub.add_option("--fail-on", o.fail_on, "Exit 1 when a finding is at or above: error (default), warning, info, never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  sub.add_option("--color", o.color, "Colour text output: auto honours NO_COLOR, FORCE_COLOR and the terminal")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub.add_option("--baseline", o.baseline, "Accepted findings (JSON) that do not count while their entry holds");
  sub.add_option("--write-baseline", o.write_baseline, "Write the current findings as a baseline file and exit 0");
  sub.add_flag("--require-reason", o.require_reason, "Inline suppressions must give a reason after --");
  sub.add_flag("--print-config", o.print_config,
               "Print the effective lint settings and where they come from, then exit");
}

app::ReportOptions report_options(const CommonOptions& o) {
  app::ReportOptions r;
  r.formats = o.formats;
  r.fail_on = o.fail_on;
  r.color = should_color(o.color_mode(), stdout);
  r.baseline = o.baseline;
  r.write_baseline = o.write_baseline;
  r.require_reason = o.require_reason;
  r.print_config = o.print_config;
  // .oidc-doctor.yaml is looked for from the linted file's folder upward, wherever the command runs.
  auto dir = std::filesystem::path(o.config).parent_path();
  r.settings_dir = dir.empty() ? "." : dir.string();
  return r;
}

int emit(const Expected<app::Report>& report) {
  if (!report) return report_error(report.error());
  for (auto& out : report->outputs) {
    if (out.path.empty()) {
      std::cout << out.text;
      continue;
    }
    std::ofstream f(out.path, std::ios::binary | std::ios::trunc);
    if (!f) return report_error({out.path, "cannot write the " + out.format + " report here"});
    f << out.text;
    if (!f.flush()) return report_error({out.path, "writing the " + out.format + " report failed"});
  }
  std::cout.flush();
  for (auto& n : report->notes) std::cerr << "oidc-doctor: " << n << "\n";
  return report->exit_code;
}

}  // namespace od::cli
