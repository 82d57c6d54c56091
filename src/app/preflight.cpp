// preflight: the whole lint, then live probes of the IdP from every environment's network path.
// Probe failures are findings; only bad input (config, options, recording) is an Error.
#include <fmt/format.h>

#include <algorithm>
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

// Where the YAML (or JSON) scalar that starts at byte `at` ends: a quoted one at its closing
// quote (escapes and doubled quotes skipped), a block scalar (| or >) after its last line
// indented deeper than the line it starts on, a plain one at the end of its line, a comment or,
// in flow style, the next , ] or }.
size_t scalar_end(std::string_view text, size_t at) {
  if (at >= text.size()) return at;
  const char q = text[at];
  if (q == '"' || q == '\'') {
    for (size_t i = at + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1;
      }
    }
    return text.size();
  }
  if (q == '|' || q == '>') {
    size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    const size_t indent = text.find_first_not_of(' ', line_start) - line_start;
    size_t end = text.find('\n', at);
    while (end != std::string_view::npos && end + 1 < text.size()) {
      size_t next = end + 1, stop = text.find('\n', next);
      std::string_view line = text.substr(next, stop == std::string_view::npos ? std::string_view::npos : stop - next);
      const size_t first = line.find_first_not_of(" \r");
      if (first != std::string_view::npos && first <= indent) break;  // a line of the parent: the block ended
      end = stop;
    }
    return end == std::string_view::npos ? text.size() : end;
  }
  size_t i = at;
  while (i < text.size() && text[i] != '\n' && text[i] != '\r' && text[i] != ',' && text[i] != ']' && text[i] != '}' &&
         !(text[i] == '#' && i > at && (text[i - 1] == ' ' || text[i - 1] == '\t')))
    ++i;
  while (i > at && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i;
}

// The config as written, minus any literal secret and URL password (a recording holds neither).
// A literal secret is cut out by its position in the file (the loader's mark of the value), so
// however it is spelt (quoted, escaped as "s\x65cret", folded) nothing of it stays; every
// spelling of its value is then scrubbed from the rest of the text as well.
std::string config_without_secrets(std::string text, const Config& cfg) {
  constexpr std::string_view kMarker = "${env:OD_SECRET_NOT_RECORDED}";
  std::vector<std::string> literals;
  std::vector<size_t> starts;
  for (auto& c : cfg.clients) {
    if (!c.secret || c.secret->source != Secret::Source::Literal || !c.secret->value) continue;
    literals.push_back(*c.secret->value);
    const Pos& p = c.secret->pos;
    if (!p.known() || p.source != 0) continue;
    size_t at = 0;
    for (int line = 1; line < p.line && at != std::string::npos; ++line) {
      at = text.find('\n', at);
      if (at != std::string::npos) ++at;
    }
    if (at == std::string::npos) continue;
    at += static_cast<size_t>(p.column - 1);
    if (at < text.size()) starts.push_back(at);
  }
  std::sort(starts.begin(), starts.end(), std::greater<>());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  for (size_t at : starts) text.replace(at, scalar_end(text, at) - at, "\"" + std::string(kMarker) + "\"");
  return redact_url_credentials(scrub_secrets(std::move(text), literals, kMarker));
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
  if (o.concurrency < 1 || (o.per_host && *o.per_host < 1))
    return Error{"--concurrency/--per-host", "must be at least 1"};
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
  eng.per_host = o.per_host.value_or(0);
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
