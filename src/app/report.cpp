#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "app/app.h"
#include "core/files.h"
#include "imports/load.h"
#include "report/outputs.h"
#include "rules/engine.h"
#include "rules/policy.h"

namespace od::app {

namespace {

FailOn parse_fail_on(std::string_view s) {
  if (s == "warning") return FailOn::Warning;
  if (s == "info") return FailOn::Info;
  if (s == "never") return FailOn::Never;
  return FailOn::Error;
}

std::string settings_text(const ReportOptions& o, const LintSection* s, FailOn fail_on, const std::string& from) {
  std::ostringstream out;
  out << "# effective oidc-doctor settings\n";
  out << "settings_file: " << (s ? s->file : "none (no lint: section, no .oidc-doctor.yaml found)") << "\n";
  out << "fail_on: " << fail_on_name(fail_on) << "   # from " << from << "\n";
  out << "require_reason: " << ((o.require_reason || (s && s->require_reason)) ? "true" : "false") << "\n";
  out << "ignore: [";
  if (s)
    for (size_t i = 0; i < s->ignore.size(); ++i) out << (i ? ", " : "") << s->ignore[i].value;
  out << "]\nseverity:";
  if (!s || s->severity.empty()) out << " {}";
  out << "\n";
  if (s)
    for (auto& [k, v] : s->severity) out << "  " << k << ": " << v.value << "\n";
  out << "baseline: " << (o.baseline.empty() ? "none" : o.baseline) << "\n";
  return out.str();
}

// A file lint could not read that is a log or a HAR export: by its name, or by a first line
// that starts with a timestamp (2026-11-22 10:00:00, 2026-11-22T10:00:00Z, [2026-11-22 ...).
bool looks_like_log(const std::string& path) {
  if (not_a_regular_file(path)) return false;  // missing, standard input, a FIFO: nothing to tell
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".log" || ext == ".har" || ext == ".txt") return true;
  // Only the start of the first line: a 300 MB file with no line break took lint 6 s here.
  std::ifstream in(path, std::ios::binary);
  std::string first(64, '\0');
  if (!in || (!in.read(first.data(), static_cast<std::streamsize>(first.size())) && in.gcount() == 0)) return false;
  first.resize(static_cast<size_t>(in.gcount()));
  first.resize(std::min(first.size(), first.find('\n')));
  static const std::regex stamp(R"(^\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})");
  return std::regex_search(first, stamp);
}

}  // namespace

Expected<Report> finish(const ReportOptions& o, Config cfg, std::vector<Finding> findings, Date today,
                        const std::string& command, const probes::Facts* facts) {
  auto outputs = parse_outputs(o.formats);
  if (!outputs) return outputs.error();
  Report rep;

  // Settings: the config's own `lint:` section, else the nearest .oidc-doctor.yaml; never both.
  std::optional<LintSection> discovered;
  const LintSection* settings = cfg.lint ? &*cfg.lint : nullptr;
  if (!settings) {
    if (auto path = discover_settings(o.settings_dir); !path.empty()) {
      auto s = load_settings(path);
      if (!s) return s.error();
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
    rep.outputs.push_back({"", "settings", settings_text(o, settings, fail_on, fail_on_from)});
    rep.config = std::move(cfg);
    return rep;
  }

  std::optional<Baseline> baseline;
  if (!o.baseline.empty()) {
    auto b = load_baseline(o.baseline);
    if (!b) return b.error();
    baseline = std::move(*b);
  }
  apply_policy(cfg, {settings, o.require_reason, baseline ? &*baseline : nullptr, today}, findings);
  // After the policy, so an inline suppression of a rule left out still counts as used.
  apply_selection({o.select, o.ignore}, findings);

  if (!o.write_baseline.empty()) {
    rep.outputs.push_back(
        {o.write_baseline, "baseline", baseline_json(findings, o.write_baseline, baseline ? &*baseline : nullptr)});
    rep.notes.push_back(fmt::format(
        "wrote the accepted findings to {}; add a reason (and an expiry date) to each entry", o.write_baseline));
  } else {
    for (auto& spec : *outputs) {
      // Files never get colour.
      ReportContext ctx{cfg, findings, fail_on, command, Style{o.color && spec.path.empty()}, facts};
      rep.outputs.push_back({spec.path, spec.format, render(spec.format, ctx)});
    }
    rep.exit_code = summarize(findings, fail_on).failed ? kFindings : kOk;
  }
  rep.findings = std::move(findings);
  rep.config = std::move(cfg);
  return rep;
}

Expected<Report> lint(const LintOptions& o) {
  Date today = o.today ? *o.today : Date::today_utc();
  auto cfg = load_config(o.config, {.resolve_secrets = o.resolve_secrets});
  if (!cfg) {
    Error e = cfg.error();
    if (looks_like_log(o.config))
      e.message += fmt::format(
          "; this looks like a log, not a config: to explain the errors in it, run "
          "oidc-doctor diagnose --file {}",
          o.config);
    return e;
  }
  auto findings = run_rules(*cfg, today);
  return finish(o.report, std::move(*cfg), std::move(findings), today, "lint");
}

}  // namespace od::app
