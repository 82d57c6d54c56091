// `preflight`: options into app::preflight (src/app/preflight.cpp), which does the work.
#include <unistd.h>

#include <memory>

#include "cli/commands.h"
#include "cli/options.h"

namespace od::cli {

namespace {

struct PreflightOptions {
  CommonOptions common;
  app::PreflightOptions run;
};

int run_preflight_cmd(PreflightOptions& o) {
  const CommonOptions& c = o.common;
  o.run.config = c.config;
  o.run.resolve_secrets = !c.no_resolve_secrets && !c.print_config;  // --print-config needs no secret
  if (!c.today.empty()) {
    auto d = c.today_date();
    if (!d) return report_error(d.error());
    o.run.today = *d;
  }
  o.run.report = report_options(c);
  o.run.progress = isatty(STDERR_FILENO);
  return emit(app::preflight(o.run));
}

}  // namespace

void setup_preflight(CLI::App& sub, Action& action) {
  auto o = std::make_shared<PreflightOptions>();
  add_config_option(sub, o->common);
  add_report_options(sub, o->common);
  sub.add_option("--concurrency", o->run.concurrency, "Requests in flight at once")->capture_default_str();
  sub.add_option("--per-host", o->run.per_host, "Requests in flight to one host through one route")
      ->capture_default_str();
  sub.add_option("--timeout", o->run.timeout_s, "Seconds per request, connecting included")->capture_default_str();
  sub.add_option("--deadline", o->run.deadline_s, "Seconds for the whole run; later answers count as unreachable")
      ->capture_default_str();
  sub.add_option("--ca-file", o->run.ca_file, "PEM file of CA certificates to trust instead of the system store");
  sub.add_option("--record", o->run.record_dir, "Write every exchange (secrets redacted) and the config to DIR");
  sub.add_option("--replay", o->run.replay_dir, "Answer the probes from a recording in DIR (offline; config from DIR)");
  action = [o] { return run_preflight_cmd(*o); };
}

}  // namespace od::cli
