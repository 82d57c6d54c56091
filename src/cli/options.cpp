#include "cli/options.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "config/loader.h"
#include "report/outputs.h"
#include "rules/policy.h"

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

void add_config_option(CLI::App& sub, CommonOptions& o) {
  sub.add_option("config", o.config, "Config file (YAML or JSON)")->capture_default_str();
  sub.add_flag("--no-resolve-secrets", o.no_resolve_secrets,
               "Do not read ${env:}/${file:} secrets (CI without secrets); secret-content rules stay silent");
  sub.add_option("--today", o.today, "Pretend today is YYYY-MM-DD (reproducible expiry checks)");
}

void add_report_options(CLI::App& sub, CommonOptions& o) {
  sub.add_option("--format", o.formats,
                 "Report format, repeatable: text, json, sarif, junit, github, gitlab; F=PATH writes to a file")
      ->take_all()
      ->expected(1);
  sub.add_option("--fail-on", o.fail_on, "Exit 1 when a finding is at or above: error (default), warning, info, never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  sub.add_option("--color", o.color, "Colour text output: auto honours NO_COLOR, FORCE_COLOR and the terminal")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub.add_option("--baseline", o.baseline, "Accepted findings (JSON) that do not count while their entry holds");
  sub.add_option("--write-baseline", o.write_baseline, "Write the current findings as a baseline file and exit 0");
  sub.add_flag("--require-reason", o.require_reason, "Inline suppressions must give a reason after --");
  sub.add_flag("--print-config", o.print_config, "Print the effective lint settings and where they come from, then exit");
}

namespace {

FailOn parse_fail_on(std::string_view s) {
  if (s == "warning") return FailOn::Warning;
  if (s == "info") return FailOn::Info;
  if (s == "never") return FailOn::Never;
  return FailOn::Error;
}

void print_settings(const CommonOptions& o, const LintSection* s, FailOn fail_on, const std::string& fail_on_from) {
  std::cout << "# effective oidc-doctor settings\n";
  std::cout << "settings_file: " << (s ? s->file : "none (no lint: section, no .oidc-doctor.yaml found)") << "\n";
  std::cout << "fail_on: " << fail_on_name(fail_on) << "   # from " << fail_on_from << "\n";
  std::cout << "require_reason: " << ((o.require_reason || (s && s->require_reason)) ? "true" : "false") << "\n";
  std::cout << "ignore: [";
  if (s)
    for (size_t i = 0; i < s->ignore.size(); ++i) std::cout << (i ? ", " : "") << s->ignore[i].value;
  std::cout << "]\nseverity:";
  if (!s || s->severity.empty()) std::cout << " {}";
  std::cout << "\n";
  if (s)
    for (auto& [k, v] : s->severity) std::cout << "  " << k << ": " << v.value << "\n";
  std::cout << "baseline: " << (o.baseline.empty() ? "none" : o.baseline) << "\n";
}

}  // namespace

int finish_report(const CommonOptions& o, const Config& cfg, std::vector<Finding>& findings, Date today,
                  const std::string& command) {
  auto outputs = parse_outputs(o.formats);
  if (!outputs) return report_error(outputs.error());

  // Settings: the config's own `lint:` section, else the nearest .oidc-doctor.yaml; never both.
  std::optional<LintSection> discovered;
  const LintSection* settings = cfg.lint ? &*cfg.lint : nullptr;
  if (!settings) {
    if (auto path = discover_settings("."); !path.empty()) {
      auto s = load_settings(path);
      if (!s) return report_error(s.error());
      discovered = std::move(*s);
      settings = &*discovered;
    }
  }
  std::string fail_on_from = "default";
  FailOn fail_on = FailOn::Error;
  if (!o.fail_on.empty()) {
    fail_on = parse_fail_on(o.fail_on);
    fail_on_from = "--fail-on";
  } else if (settings && settings->fail_on) {
    fail_on = parse_fail_on(settings->fail_on->value);
    fail_on_from = settings->file;
  }
  if (o.print_config) {
    print_settings(o, settings, fail_on, fail_on_from);
    return kOk;
  }

  std::optional<Baseline> baseline;
  if (!o.baseline.empty()) {
    auto b = load_baseline(o.baseline);
    if (!b) return report_error(b.error());
    baseline = std::move(*b);
  }
  apply_policy(cfg, {settings, o.require_reason, baseline ? &*baseline : nullptr, today}, findings);

  if (!o.write_baseline.empty()) {
    std::ofstream f(o.write_baseline, std::ios::binary | std::ios::trunc);
    f << baseline_json(findings, o.write_baseline, baseline ? &*baseline : nullptr);
    if (!f.flush()) return report_error({o.write_baseline, "cannot write the baseline here"});
    std::cerr << fmt::format("oidc-doctor: wrote {} to {}; add a reason (and an expiry date) to each entry\n",
                             "the accepted findings", o.write_baseline);
    return kOk;
  }

  ReportContext ctx{cfg, findings, fail_on, command, Style{should_color(o.color_mode(), stdout)}};
  if (auto e = write_outputs(*outputs, ctx)) return report_error(*e);
  return summarize(findings, fail_on).failed ? kFindings : kOk;
}

}  // namespace od::cli
