// `preflight`: the whole lint, then live probes of the IdP from every environment's network
// path. Probe failures are findings; only bad input (config, options, recording) exits 2.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "core/curl_api.h"
#include "cli/options.h"
#include "config/loader.h"
#include "probes/preflight.h"
#include "probes/recording.h"
#include "report/findings.h"
#include "rules/engine.h"

namespace od::cli {

namespace {

struct PreflightOptions {
  CommonOptions common;
  int concurrency = 64;
  int per_host = 32;
  double timeout_s = 10;
  double deadline_s = 60;
  std::string ca_file, record_dir, replay_dir;
};

// The config as written, minus any literal secret (a recording must never hold one).
std::string config_without_secrets(std::string text, const Config& cfg) {
  for (auto& c : cfg.clients)
    if (c.secret && c.secret->source == Secret::Source::Literal && c.secret->value && !c.secret->value->empty())
      for (size_t p = text.find(*c.secret->value); p != std::string::npos; p = text.find(*c.secret->value, p))
        text.replace(p, c.secret->value->size(), "${env:OD_SECRET_NOT_RECORDED}");
  return text;
}

int run_preflight_cmd(const PreflightOptions& o) {
  const CommonOptions& c = o.common;
  if (o.concurrency < 1 || o.per_host < 1) return report_error({"--concurrency/--per-host", "must be at least 1"});
  if (o.timeout_s <= 0 || o.deadline_s <= 0) return report_error({"--timeout/--deadline", "must be positive"});
  if (!o.record_dir.empty() && !o.replay_dir.empty())
    return report_error({"--record/--replay", "use one or the other"});
  if (!o.ca_file.empty() && !std::filesystem::is_regular_file(o.ca_file))
    return report_error({o.ca_file, "--ca-file: no such file"});

  probes::Recording replayed;
  std::optional<Config> cfg;
  std::string config_text;
  Date today;
  if (!o.replay_dir.empty()) {
    auto rec = probes::load_recording(o.replay_dir);
    if (!rec) return report_error(rec.error());
    replayed = std::move(*rec);
    auto path = (std::filesystem::path(o.replay_dir) / "config.yaml").string();
    auto text = read_text_file(path, 16 * 1024 * 1024);
    if (!text) return report_error(text.error());
    // Secrets are never in a recording; the token probe is answered from it instead.
    auto loaded = load_config_text(*text, replayed.config_name.empty() ? path : replayed.config_name,
                                   o.replay_dir, {.resolve_secrets = false});
    if (!loaded) return report_error(loaded.error());
    cfg = std::move(*loaded);
    auto d = c.today.empty() ? Date::parse(replayed.date) : Date::parse(c.today);
    if (!d) return report_error({"--today", "expects a date as YYYY-MM-DD"});
    today = *d;
  } else {
    auto d = c.today_date();
    if (!d) return report_error(d.error());
    today = *d;
    auto text = read_text_file(c.config, 16 * 1024 * 1024);
    if (!text) return report_error(text.error());
    config_text = *text;
    auto loaded = load_config(c.config, {.resolve_secrets = !c.no_resolve_secrets});
    if (!loaded) return report_error(loaded.error());
    cfg = std::move(*loaded);
  }

  std::vector<Finding> findings = run_rules(*cfg, today);
  if (c.print_config) return finish_report(c, *cfg, findings, today, "preflight");  // settings only: no probes

  probes::EngineOptions eng;
  eng.concurrency = o.concurrency;
  eng.per_host = o.per_host;
  eng.timeout_ms = static_cast<long>(o.timeout_s * 1000);
  eng.deadline_ms = static_cast<long>(o.deadline_s * 1000);
  eng.ca_file = o.ca_file;
  eng.progress = o.replay_dir.empty() && isatty(STDERR_FILENO);
  probes::Recording recorded;
  std::unique_ptr<probes::Transport> net;
  if (!o.replay_dir.empty()) {
    net = probes::make_replay_transport(replayed);
  } else {
    std::string why;
    if (!curl_api(&why)) return report_error({"preflight", why});
    net = probes::make_curl_transport(eng);
    if (!o.record_dir.empty()) net = probes::make_recording_transport(std::move(net), recorded);
  }
  auto live = probes::run_preflight(*cfg, *net, {.today = today, .replay = !o.replay_dir.empty()});
  findings.insert(findings.end(), std::make_move_iterator(live.begin()), std::make_move_iterator(live.end()));
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.location.pos.line != b.location.pos.line) return a.location.pos.line < b.location.pos.line;
    if (a.location.pos.column != b.location.pos.column) return a.location.pos.column < b.location.pos.column;
    return a.rule->id < b.rule->id;
  });

  if (!o.record_dir.empty()) {
    recorded.label = "recorded live by oidc-doctor " OD_VERSION;
    std::string urls;
    for (auto& cl : cfg->clients)
      if (cl.metadata_url && urls.find(cl.metadata_url->value) == std::string::npos)
        urls += (urls.empty() ? "" : ", ") + cl.metadata_url->value;
    recorded.source = "live run against " + urls;
    recorded.date = today.str();
    recorded.config_name = c.config;
    recorded.timeout_ms = eng.timeout_ms;
    recorded.deadline_ms = eng.deadline_ms;
    if (auto e = probes::save_recording(o.record_dir, recorded, config_without_secrets(config_text, *cfg)))
      return report_error(*e);
  }

  return finish_report(c, *cfg, findings, today, "preflight");
}

}  // namespace

void setup_preflight(CLI::App& sub, Action& action) {
  auto o = std::make_shared<PreflightOptions>();
  add_config_option(sub, o->common);
  add_report_options(sub, o->common);
  sub.add_option("--concurrency", o->concurrency, "Requests in flight at once")->capture_default_str();
  sub.add_option("--per-host", o->per_host, "Requests in flight to one host through one route")->capture_default_str();
  sub.add_option("--timeout", o->timeout_s, "Seconds per request, connecting included")->capture_default_str();
  sub.add_option("--deadline", o->deadline_s, "Seconds for the whole run; later answers count as unreachable")
      ->capture_default_str();
  sub.add_option("--ca-file", o->ca_file, "PEM file of CA certificates to trust instead of the system store");
  sub.add_option("--record", o->record_dir, "Write every exchange (secrets redacted) and the config to DIR");
  sub.add_option("--replay", o->replay_dir, "Answer the probes from a recording in DIR (offline; config from DIR)");
  action = [o] { return run_preflight_cmd(*o); };
}

}  // namespace od::cli
