// `preflight`: options into app::preflight (src/app/preflight.cpp), which does the work.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"

namespace od::cli {

namespace {

// Ctrl-C: the handler only sets the flag (a lock-free atomic store is async-signal-safe); the
// probe loop sees it within one poll interval and the report of what is known follows.
std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted.store(true); }

// SIGINT handled for the life of the object; the previous disposition comes back after.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_);
  }
  ~InterruptGuard() { sigaction(SIGINT, &old_, nullptr); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_ {};
};

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
  static_assert(std::atomic<bool>::is_always_lock_free);
  InterruptGuard guard;
  o.run.interrupted = &g_interrupted;
  return emit(app::preflight(o.run));
}

}  // namespace

void setup_preflight(CLI::App& sub, Action& action) {
  auto o = std::make_shared<PreflightOptions>();
  add_config_option(sub, o->common);
  add_report_options(sub, o->common);
  sub.add_option("--concurrency", o->run.concurrency, "Requests in flight at once")->capture_default_str();
  sub.add_option_function<int>(
      "--per-host", [o](int n) { o->run.per_host = n; },
      "Requests in flight to one host through one route (default: 32; to a loopback host reached directly, "
      "--concurrency)");
  sub.add_option("--timeout", o->run.timeout_s, "Seconds per request, connecting included")->capture_default_str();
  sub.add_option("--deadline", o->run.deadline_s, "Seconds for the whole run; later answers count as unreachable")
      ->capture_default_str();
  sub.add_option("--ca-file", o->run.ca_file, "PEM file of CA certificates to trust instead of the system store");
  sub.add_option("--record", o->run.record_dir, "Write every exchange (secrets redacted) and the config to DIR");
  sub.add_option("--replay", o->run.replay_dir, "Answer the probes from a recording in DIR (offline; config from DIR)");
  action = [o] { return run_preflight_cmd(*o); };
}

}  // namespace od::cli
