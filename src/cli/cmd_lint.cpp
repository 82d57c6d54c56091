#include <memory>

#include "cli/commands.h"
#include "cli/options.h"

namespace od::cli {

namespace {
int run_lint(const CommonOptions& o) {
  auto today = o.today_date();
  if (!today) return report_error(today.error());
  return emit(app::lint({.config = o.config,
                         .resolve_secrets = !o.no_resolve_secrets && !o.print_config,
                         .today = *today,
                         .report = report_options(o)}));
}
}  // namespace

void setup_lint(CLI::App& sub, Action& action) {
  auto o = std::make_shared<CommonOptions>();
  add_config_option(sub, *o);
  add_report_options(sub, *o);
  action = [o] { return run_lint(*o); };
}

}  // namespace od::cli
