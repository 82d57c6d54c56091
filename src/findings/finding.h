// What every check reports, whatever its phase: a finding of a rule, with where it points, what
// users would meet, and how to identify it across runs. Rules (src/rules/) produce findings,
// the policy step marks some suppressed, reports render them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"

namespace od {

enum class Severity { Info = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity s);

// When a rule runs: on the config alone, on what preflight learnt from the live IdP, on a
// decoded token, or on the findings themselves (suppressions and baselines).
enum class Phase { Offline, Probe, Token, Meta };
std::string_view phase_name(Phase p);

// The table row of a rule; src/rules/rule.h adds its check.
struct RuleInfo {
  std::string_view id;
  std::string_view name;
  Severity severity;
  std::string_view category;
  std::string_view summary;  // one line, for `rules` and SARIF shortDescription
  std::string_view fix;      // generic fix
  Phase phase = Phase::Offline;
};

struct Location {
  std::string file;
  Pos pos;
};

// Why a finding does not count: it stays in every report, marked, never silently dropped.
struct Suppression {
  std::string kind;    // "inline" (a comment in the config), "config" (lint.ignore), "baseline"
  std::string reason;  // may be empty
  Location where;      // the comment, the ignore entry or the baseline file
};

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::Error;
  std::string message;
  std::string fix;          // specific fix; empty = the rule's generic fix
  std::string environment;  // may be empty
  std::string client;       // client id ("web_client", "integration:X"), may be empty
  std::string provider_kind;
  Location location;
  std::vector<std::string> predicted_errors;
  std::string key;  // logical identity (no line numbers): for baselines and dedup
  std::optional<Suppression> suppression;
};

// Optional details of a report: which environment and client, a specific fix, and the
// logical key that identifies the finding without line numbers.
struct Extra {
  std::string environment;
  const Client* client = nullptr;
  std::string fix;
  std::string key;
  std::string redirect_uri;                // fills {redirect_uri} in predicted error wordings
  bool predictions = true;                 // false for notes and "cannot tell" findings, which predict nothing
  std::optional<Severity> severity;        // when this finding is milder or graver than the rule's default
  std::vector<std::string_view> see_also;  // catalogue codes users meet too, predicted before the category's
};

// What a check reports through. The runner fills in rule, severity, file and predictions.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void report(Pos where, std::string message, Extra extra = {}) = 0;
};

// Builds a finding for `rule` (predicted errors from the catalogue, logical key, location in
// cfg.file or the export a position points into), the same way for every phase.
Finding make_finding(const Config& cfg, const RuleInfo& rule, Pos where, std::string message, Extra extra = {});

// What users would meet for a finding of `rule_id` on this platform and IdP (catalogue/predict.h),
// after the catalogue entries named in `see_also`.
std::vector<std::string> predicted_errors(std::string_view platform, std::string_view provider,
                                          std::string_view rule_id, std::string_view category,
                                          const std::vector<std::string_view>& see_also = {},
                                          const std::map<std::string, std::string>& values = {});

// The one order of findings in every report: source file (config first, then exports), line,
// column, rule ID.
void sort_findings(std::vector<Finding>& findings);

}  // namespace od
