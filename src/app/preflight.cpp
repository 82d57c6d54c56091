// preflight: the whole lint, then live probes of the IdP from every environment's network path.
// Probe failures are findings; only bad input (config, options, recording) is an Error.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "app/app.h"
#include "core/curl_api.h"
#include "core/redact.h"
#include "imports/load.h"
#include "net/recording.h"
#include "probes/preflight.h"
#include "rules/engine.h"

namespace od::app {

namespace {

// The config as written, minus any literal secret and URL password (a recording holds neither).
std::string config_without_secrets(std::string text, const Config& cfg) {
  std::vector<std::string> literals;
  for (auto& c : cfg.clients)
    if (c.secret && c.secret->source == Secret::Source::Literal && c.secret->value)
      literals.push_back(*c.secret->value);
  return redact_url_credentials(scrub_secrets(std::move(text), literals, "${env:OD_SECRET_NOT_RECORDED}"));
}

// A duration option in seconds: finite, at least a millisecond (the engine counts whole
// milliseconds, and 0 would mean "no limit"), and at most a day, so that it converts to
// milliseconds without overflow.
std::optional<Error> check_seconds(const char* option, double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.001 || seconds > 86400)
    return Error{option, fmt::format("must be a number of seconds from 0.001 to 86400, got {}", seconds)};
  return std::nullopt;
}

}  // namespace

Expected<Report> preflight(const PreflightOptions& o) {
  if (o.concurrency < 1 || o.per_host < 1) return Error{"--concurrency/--per-host", "must be at least 1"};
  if (auto e = check_seconds("--timeout", o.timeout_s)) return *e;
  if (auto e = check_seconds("--deadline", o.deadline_s)) return *e;
  if (!o.record_dir.empty() && !o.replay_dir.empty()) return Error{"--record/--replay", "use one or the other"};
  if (!o.ca_file.empty() && !std::filesystem::is_regular_file(o.ca_file))
    return Error{o.ca_file, "--ca-file: no such file"};

  const bool replay = !o.replay_dir.empty();
  Recording replayed;
  std::optional<Config> cfg;
  std::string config_text;
  Date today;
  if (replay) {
    auto rec = load_recording(o.replay_dir);
    if (!rec) return rec.error();
    replayed = std::move(*rec);
    auto path = (std::filesystem::path(o.replay_dir) / "config.yaml").string();
    auto text = read_text_file(path, 16 * 1024 * 1024);
    if (!text) return text.error();
    // Secrets are never in a recording; the token probe is answered from it instead.
    auto loaded = load_config_text(*text, replayed.config_name.empty() ? path : replayed.config_name, o.replay_dir,
                                   {.resolve_secrets = false});
    if (!loaded) return loaded.error();
    cfg = std::move(*loaded);
    if (o.today) {
      today = *o.today;
    } else {
      auto d = Date::parse(replayed.date);
      if (!d) return Error{o.replay_dir, "the recording has no valid date; give --today"};
      today = *d;
    }
  } else {
    today = o.today ? *o.today : Date::today_utc();
    auto text = read_text_file(o.config, 16 * 1024 * 1024);
    if (!text) return text.error();
    config_text = *text;
    auto loaded = load_config(o.config, {.resolve_secrets = o.resolve_secrets});
    if (!loaded) return loaded.error();
    cfg = std::move(*loaded);
  }

  std::vector<Finding> findings = run_rules(*cfg, today);
  if (o.report.print_config) return finish(o.report, std::move(*cfg), std::move(findings), today, "preflight");

  EngineOptions eng;
  eng.concurrency = o.concurrency;
  eng.per_host = o.per_host;
  eng.timeout_ms = std::lround(o.timeout_s * 1000);
  eng.deadline_ms = std::lround(o.deadline_s * 1000);
  eng.ca_file = o.ca_file;
  eng.progress = o.progress && !replay;
  eng.interrupted = o.interrupted;
  Recording recorded;
  std::unique_ptr<Transport> net;
  if (replay) {
    net = make_replay_transport(replayed);
  } else {
    std::string why;
    if (!curl_api(&why)) return Error{"preflight", why};
    net = make_curl_transport(eng);
    if (!o.record_dir.empty()) net = make_recording_transport(std::move(net), recorded);
  }
  // OD_PREFLIGHT_WORDINGS=off: verdicts from the protocol and the canaries alone (a test switch).
  const char* wordings = std::getenv("OD_PREFLIGHT_WORDINGS");
  const probes::Facts facts = probes::run_probes(
      *cfg, *net, {.today = today, .replay = replay, .wordings = !(wordings && std::string_view(wordings) == "off")});
  auto live = run_probe_rules(*cfg, facts, today);
  findings.insert(findings.end(), std::make_move_iterator(live.begin()), std::make_move_iterator(live.end()));
  sort_findings(findings);

  if (!o.record_dir.empty()) {
    recorded.label = "recorded live by oidc-doctor " OD_VERSION;
    std::string urls;
    for (auto& cl : cfg->clients)
      if (cl.metadata_url && urls.find(cl.metadata_url->value) == std::string::npos)
        urls += (urls.empty() ? "" : ", ") + cl.metadata_url->value;
    recorded.source = "live run against " + urls;
    recorded.date = today.str();
    recorded.config_name = o.config;
    recorded.timeout_ms = eng.timeout_ms;
    recorded.deadline_ms = eng.deadline_ms;
    if (auto e = save_recording(o.record_dir, recorded, config_without_secrets(config_text, *cfg))) return *e;
  }
  auto rep = finish(o.report, std::move(*cfg), std::move(findings), today, "preflight", &facts);
  if (rep && o.interrupted && o.interrupted->load()) {
    size_t finished = 0, asked = 0;
    for (auto& t : facts.targets)
      for (auto& d : t.discovery) {
        if (t.insecure) continue;  // never fetched, interrupted or not
        ++asked;
        finished += d.response.has_value();
      }
    rep->notes.push_back(fmt::format(
        "interrupted: {} of {} discovery probe(s) had finished; the report holds the offline findings and the "
        "probes that finished",
        finished, asked));
    rep->exit_code = kInterrupted;
  }
  return rep;
}

}  // namespace od::app
