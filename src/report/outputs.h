// Every machine and human format a findings report can take, and where each goes:
// `--format F[=PATH]`, repeatable; at most one format on stdout.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/expected.h"
#include "core/terminal.h"
#include "report/findings.h"

namespace od {

struct OutputSpec {
  std::string format;  // text | json | sarif | junit | github | gitlab | concise | html
  std::string path;    // empty = stdout
};

// Parses the --format values; with none given, `github` when GITHUB_ACTIONS=true, else `text`.
Expected<std::vector<OutputSpec>> parse_outputs(const std::vector<std::string>& values);

struct ReportContext {
  const Config& cfg;
  const std::vector<Finding>& findings;
  FailOn fail_on;
  std::string command;                   // "lint" or "preflight", for tool invocation and test suite names
  Style style;                           // text on a terminal
  const probes::Facts* facts = nullptr;  // preflight: what the probes learnt, for the matrix
};

std::string render(const std::string& format, const ReportContext& ctx);

// The individual renderers (findings.h has text and json).
std::string render_sarif(const ReportContext& ctx);
std::string render_junit(const ReportContext& ctx);
std::string render_github(const ReportContext& ctx);
std::string render_gitlab(const ReportContext& ctx);
// One self-contained page (report/html.h draws it from the JSON report).
std::string render_html_report(const ReportContext& ctx);

// Stable across runs and line moves: a hex SHA-256 of the finding's logical key and file.
std::string fingerprint(const Finding& f);
// The column just past the value that starts at `pos` in the config's source (for SARIF regions).
int end_column(const std::string& source, Pos pos);

}  // namespace od
