// What happens to findings after the rules ran: severity overrides and ignores from the tool's
// settings, inline `# oidc-doctor:` comments, and the baseline of accepted findings. Problems
// with those (unused, malformed, expired) become findings of the meta rules OD9001-OD9003.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/expected.h"
#include "rules/rule.h"

namespace od {

struct BaselineEntry {
  std::string rule, file, key, reason;  // file: relative to the baseline's own folder
  std::string resolved;                 // file made absolute, for matching
  std::optional<Date> expires;
  int line = 0;  // in the baseline file, for messages
  bool used = false;
};

struct Baseline {
  std::string path;
  std::vector<BaselineEntry> entries;
};

Expected<Baseline> load_baseline(const std::string& path);
// Accepted findings as a baseline document to be written at `path`; files are named relative to
// its folder, so the baseline works from any working directory. Reasons and expiry dates of
// `previous` entries are kept.
std::string baseline_json(const std::vector<Finding>& findings, const std::string& path, const Baseline* previous);

struct Policy {
  const LintSection* settings = nullptr;  // the config's `lint:` or a discovered .oidc-doctor.yaml
  bool require_reason = false;            // --require-reason (or settings.require_reason)
  Baseline* baseline = nullptr;
  Date today;
};

// The settings' severity overrides and ignores alone, for findings that point into no config
// (inspect-token). Entries naming no rule, or no severity, come back as problems.
struct SettingsProblem {
  Pos pos;
  std::string message;
  std::string key;  // "severity:NAME" or "ignore:NAME"
};
std::vector<SettingsProblem> apply_settings(const LintSection& settings, std::vector<Finding>& findings);

// Applies the policy in place and appends meta findings.
void apply_policy(const Config& cfg, const Policy& policy, std::vector<Finding>& findings);

}  // namespace od

namespace od {

// `--select` / `--ignore` on the command line: comma-separated rule IDs, names, ID prefixes
// (`OD2`, `OD23`) or `all`. A rule that is not selected, or is ignored, is not reported at all
// (unlike `lint.ignore`, whose findings stay in the report marked suppressed).
struct RuleSelection {
  std::vector<std::string> select;  // empty = every rule
  std::vector<std::string> ignore;
  bool empty() const { return select.empty() && ignore.empty(); }
};
// The entries of one option value, each checked: an unknown ID, name or prefix is an error whose
// message names the nearest rule.
Expected<std::vector<std::string>> parse_rule_list(std::string_view value);
bool rule_selected(const RuleSelection& s, const RuleInfo& rule);
// Drops the findings of rules that are not selected.
void apply_selection(const RuleSelection& s, std::vector<Finding>& findings);

}  // namespace od
