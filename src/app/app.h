// The application layer: each job oidc-doctor does (lint, preflight, diagnose) as one function
// that takes a plain options struct and returns a report, with no terminal, argv or exit() in
// sight. The CLI only parses options into these structs and writes what comes back; the tests
// call the same functions.
#pragma once
#include <atomic>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "core/expected.h"
#include "findings/finding.h"
#include "report/findings.h"

namespace od::app {

enum Exit { kOk = 0, kFindings = 1, kUsage = 2, kInternal = 3, kInterrupted = 130 };

// One rendered output: to stdout when `path` is empty, else to that file.
struct Output {
  std::string path;
  std::string format;  // text, json, ... ("baseline" or "settings" for those documents)
  std::string text;
};

// What lint and preflight do with their findings: settings, suppressions, baseline, formats.
struct ReportOptions {
  std::vector<std::string> formats;  // F or F=PATH; none = text (github under GitHub Actions)
  std::string fail_on;               // empty = lint settings, else error
  bool color = false;                // text on stdout gets colour (the CLI decides)
  std::string baseline, write_baseline;
  bool require_reason = false;
  bool print_config = false;
  std::string settings_dir = ".";           // where .oidc-doctor.yaml is looked for, upward
  std::vector<std::string> select, ignore;  // --select / --ignore entries (checked by parse_rule_list)
};

struct Report {
  std::optional<Config> config;
  std::vector<Finding> findings;  // policy applied: suppressed ones marked
  std::vector<Output> outputs;
  std::vector<std::string> notes;  // one line each, for stderr
  int exit_code = kOk;
};

struct LintOptions {
  std::string config = "oidc-doctor.yaml";
  bool resolve_secrets = true;
  std::optional<Date> today;  // none = the real date
  ReportOptions report;
};

Expected<Report> lint(const LintOptions& o);

struct PreflightOptions {
  std::string config = "oidc-doctor.yaml";
  bool resolve_secrets = true;
  std::optional<Date> today;  // none = the real date (or the recording's date when replaying)
  ReportOptions report;
  int concurrency = 64;
  // none: 32, or `concurrency` to a loopback host reached directly (EngineOptions::per_host)
  std::optional<int> per_host;
  double timeout_s = 10;
  double deadline_s = 60;
  std::string ca_file, record_dir, replay_dir;
  bool progress = false;  // one updating line on stderr (the CLI sets it for a terminal)
  // Set by the CLI's SIGINT handler: the probes stop, the report holds the offline findings and
  // the probes that finished, a note says so, and the exit code is kInterrupted (130).
  const std::atomic<bool>* interrupted = nullptr;
};

// The whole lint, then the live probes from every environment's network path (or a replay).
Expected<Report> preflight(const PreflightOptions& o);

struct DiagnoseOptions {
  std::string text;               // the pasted error; used when `file` and `input` are not given
  std::string file;               // a log, HAR, saved page or body of any size
  std::istream* input = nullptr;  // standard input, read to its end
  std::string format = "text";    // text | json | html
  std::string config;             // point at the environment, client and value to change
  std::string platform;           // when there is no config
  bool color = false;
  std::optional<Date> today;  // secret expiry in the config correlation
};

// Exit code 0 when an error was recognised, 1 when nothing was (triage guidance printed).
Expected<Report> diagnose(const DiagnoseOptions& o);

struct RenderOptions {
  std::string input;                 // a saved JSON result (lint, preflight or diagnose); "-" = `stdin`
  std::istream* stdin_ = nullptr;    // read when input is "-"
  std::vector<std::string> formats;  // html or html=PATH (default html to stdout)
};

// `oidc-doctor report RESULT.json --format html`: the HTML page of a saved JSON result, the
// same page the run itself would have written.
Expected<Report> render_saved(const RenderOptions& o);

struct RedirectUrisOptions {
  std::string config = "oidc-doctor.yaml";
  std::string format = "text";  // text | json
};

// `oidc-doctor redirect-uris`: per client, where each URI the platform sends goes at the provider
// (Entra platform, Okta sign-in or sign-out list), what the config says is registered, and the
// provider's ready-to-run forms. Exit code 0.
Expected<Report> redirect_uris(const RedirectUrisOptions& o);

struct InitOptions {
  std::string platform;  // outsystems | posit-connect | generic
  std::string provider;  // a provider kind; empty with from_export = the export's IdP
  std::vector<std::pair<std::string, std::string>> environments;  // name, URL; empty with an export = from its URIs
  std::string from_export;  // an IdP export (Entra, Okta, Keycloak) whose values fill the client
  std::string client_id;    // the client to take from an export that holds several
  std::string output;       // where the config goes ("-" or empty: stdout), for the export's relative path
};

// `oidc-doctor init`: a starter config, every key commented from the schema's own descriptions.
Expected<std::string> init_config(const InitOptions& o);
// "name=URL,name=URL" (an environment named lifetime is the LifeTime environment).
Expected<std::vector<std::pair<std::string, std::string>>> parse_environments(std::string_view text);
std::span<const std::string_view> platform_names();

// Settings, suppressions, baseline and every requested output for findings of `command`
// ("lint" or "preflight"). Shared by lint and preflight so both report alike.
// `facts`: what preflight's probes learnt, for the HTML matrix and the JSON `matrix`.
Expected<Report> finish(const ReportOptions& o, Config cfg, std::vector<Finding> findings, Date today,
                        const std::string& command, const probes::Facts* facts = nullptr);

}  // namespace od::app
