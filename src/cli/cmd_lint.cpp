#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "config/loader.h"
#include "report/findings.h"
#include "rules/engine.h"

namespace od::cli {

namespace {
int run_lint(const CommonOptions& o) {
  auto today = o.today_date();
  if (!today) return report_error(today.error());
  auto cfg = load_config(o.config, {.resolve_secrets = !o.no_resolve_secrets});
  if (!cfg) return report_error(cfg.error());
  auto findings = run_rules(*cfg, *today);
  FailOn fail_on = o.fail_on_value();
  if (o.format == "json")
    std::cout << render_json(*cfg, findings, fail_on);
  else
    std::cout << render_text(*cfg, findings, fail_on, Style{should_color(o.color_mode(), stdout)});
  return summarize(findings, fail_on).failed ? kFindings : kOk;
}
}  // namespace

void setup_lint(CLI::App& sub, Action& action) {
  auto o = std::make_shared<CommonOptions>();
  add_config_option(sub, *o);
  add_report_options(sub, *o);
  action = [o] { return run_lint(*o); };
}

}  // namespace od::cli
