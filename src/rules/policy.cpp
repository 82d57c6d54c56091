#include "rules/policy.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "config/loader.h"
#include "core/json.h"
#include "core/text.h"
#include "core/uri.h"
#include "rules/engine.h"
#include "rules/registry.h"

namespace od {

namespace rules {
extern const Rule OD9001, OD9002, OD9003;
}

namespace {

struct Directive {
  Pos pos;                         // the comment
  std::vector<const Rule*> rules;  // empty = all
  std::string reason;
  int from = 0, to = 0;  // lines covered
  bool used = false;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

int indent_of(const std::string& l) {
  size_t i = l.find_first_not_of(' ');
  return i == std::string::npos ? -1 : static_cast<int>(i);
}
bool is_blank_or_comment(const std::string& l) {
  size_t i = l.find_first_not_of(" \t");
  return i == std::string::npos || l[i] == '#';
}

// For every line (0-based), the first line at or after it that is neither blank nor a comment
// (lines.size() when none), and for each such line the last line of the YAML node it starts:
// everything indented deeper, and for a list item everything deeper than its dash. Found in one
// pass each, so a file of many own-line suppressions stays linear.
struct LineShape {
  std::vector<int> next_content, subtree_end;
};
LineShape line_shape(const std::vector<std::string>& lines) {
  const int n = static_cast<int>(lines.size());
  LineShape s{std::vector<int>(n + 1, n), std::vector<int>(n, -1)};
  for (int i = n - 1; i >= 0; --i) s.next_content[i] = is_blank_or_comment(lines[i]) ? s.next_content[i + 1] : i;
  std::vector<int> open;  // content lines whose node has not ended yet, indents increasing
  int previous = -1;
  for (int i = 0; i < n; ++i) {
    if (is_blank_or_comment(lines[i])) continue;
    while (!open.empty() && indent_of(lines[open.back()]) >= indent_of(lines[i])) {
      s.subtree_end[open.back()] = previous;
      open.pop_back();
    }
    open.push_back(i);
    previous = i;
  }
  for (int i : open) s.subtree_end[i] = previous;
  return s;
}

// Where a `#` starts a comment: not inside quotes.
size_t comment_start(const std::string& l) {
  bool in_single = false, in_double = false;
  for (size_t i = 0; i < l.size(); ++i) {
    char c = l[i];
    if (c == '"' && !in_single)
      in_double = !in_double;
    else if (c == '\'' && !in_double)
      in_single = !in_single;
    else if (c == '#' && !in_single && !in_double && (i == 0 || l[i - 1] == ' ' || l[i - 1] == '\t'))
      return i;
  }
  return std::string::npos;
}

class DirectiveParser {
 public:
  DirectiveParser(const Config& cfg, bool require_reason, std::vector<Finding>& meta)
      : cfg_(cfg), require_reason_(require_reason), meta_(meta) {}

  std::vector<Directive> parse() {
    static const RE2 re(
        R"(^#\s*oidc-doctor:\s*(disable|disable-block|enable)\s*=\s*([A-Za-z0-9_,\- ]*?)\s*(?:--\s*(.*?))?\s*$)");
    auto lines = split_lines(cfg_.source);
    std::vector<Directive> out;
    std::vector<size_t> open_blocks;
    std::optional<LineShape> shape;  // computed at the first own-line suppression
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
      size_t hash = comment_start(lines[i]);
      if (hash == std::string::npos) continue;
      std::string comment = lines[i].substr(hash);
      if (comment.find("oidc-doctor:") == std::string::npos) continue;
      if (auto next = comment.find(" #", 1); next != std::string::npos) comment.resize(next);  // a second comment
      Pos pos{i + 1, static_cast<int>(hash) + 1};
      std::string verb, ids, reason;
      if (!RE2::FullMatch(comment, re, &verb, &ids, &reason)) {
        invalid(pos, "cannot read this suppression; write `# oidc-doctor: disable=OD2101 -- reason`");
        continue;
      }
      Directive d{pos};
      d.reason = reason;
      if (!resolve(ids, pos, d.rules)) continue;
      if (verb == "enable") {
        close_blocks(out, open_blocks, d.rules, i);
        continue;
      }
      if (require_reason_ && reason.empty()) {
        invalid(pos, "this suppression gives no reason (required here): add `-- why it is acceptable`");
        continue;
      }
      bool own_line = lines[i].find_first_not_of(" \t") == hash;
      if (verb == "disable-block") {
        d.from = i + 2;
        d.to = static_cast<int>(lines.size());
        open_blocks.push_back(out.size());
      } else if (!own_line) {
        d.from = d.to = i + 1;
      } else {
        if (!shape) shape = line_shape(lines);
        int next = shape->next_content[i + 1];
        if (next >= static_cast<int>(lines.size())) {
          invalid(pos, "this suppression stands before nothing; put it above the key it is for");
          continue;
        }
        d.from = next + 1;
        d.to = shape->subtree_end[next] + 1;
      }
      out.push_back(std::move(d));
    }
    return out;
  }

 private:
  bool resolve(const std::string& ids, Pos pos, std::vector<const Rule*>& rules) {
    std::stringstream ss(ids);
    bool any = false;
    for (std::string id; std::getline(ss, id, ',');) {
      id.erase(0, id.find_first_not_of(' '));
      id.erase(id.find_last_not_of(' ') + 1);
      if (id.empty()) continue;
      any = true;
      if (iequals(id, "all")) {
        rules.clear();
        return true;
      }
      const Rule* r = find_rule(id);
      if (!r) {
        invalid(pos, fmt::format("suppression names `{}`, which is no rule (see `oidc-doctor rules`)", id));
        return false;
      }
      rules.push_back(r);
    }
    if (!any) invalid(pos, "this suppression names no rule; list IDs or names, or `all`");
    return any;
  }

  void close_blocks(std::vector<Directive>& out, std::vector<size_t>& open, const std::vector<const Rule*>& rules,
                    int line) {
    for (auto it = open.begin(); it != open.end();) {
      auto& d = out[*it];
      if (rules.empty() || d.rules == rules) {
        d.to = line;  // the enable comment's line is outside the block
        it = open.erase(it);
      } else {
        ++it;
      }
    }
  }

  void invalid(Pos pos, std::string msg) {
    meta_.push_back(make_finding(cfg_, rules::OD9002, pos, std::move(msg), {.key = std::to_string(pos.line)}));
  }

  const Config& cfg_;
  bool require_reason_;
  std::vector<Finding>& meta_;
};

bool covers(const std::vector<const Rule*>& rules, const RuleInfo* r) {
  return rules.empty() || std::find(rules.begin(), rules.end(), r) != rules.end();
}

std::string canonical_path(const std::filesystem::path& p) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(std::filesystem::absolute(p, ec), ec);
  return (ec ? p : c).lexically_normal().string();
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "info") return Severity::Info;
  return std::nullopt;
}

}  // namespace

std::vector<SettingsProblem> apply_settings(const LintSection& s, std::vector<Finding>& findings) {
  std::vector<SettingsProblem> problems;
  for (auto& [name, level] : s.severity) {
    const Rule* r = find_rule(name);
    auto sev = parse_severity(level.value);
    if (!r || !sev) {
      problems.push_back({level.pos,
                          !r ? fmt::format("severity override names `{}`, which is no rule", name)
                             : fmt::format("severity `{}` for {} is not error, warning or info", level.value, name),
                          "severity:" + name});
      continue;
    }
    for (auto& f : findings)
      if (f.rule == r) f.severity = *sev;
  }
  for (auto& ign : s.ignore) {
    const Rule* r = find_rule(ign.value);
    if (!r) {
      problems.push_back(
          {ign.pos, fmt::format("`ignore` names `{}`, which is no rule", ign.value), "ignore:" + ign.value});
      continue;
    }
    for (auto& f : findings)
      if (f.rule == r && !f.suppression)
        f.suppression = Suppression{"config", "ignored in lint settings", {s.file, ign.pos}};
  }
  return problems;
}

void apply_policy(const Config& cfg, const Policy& policy, std::vector<Finding>& findings) {
  std::vector<Finding> meta;
  const LintSection* s = policy.settings;

  if (s)
    for (auto& p : apply_settings(*s, findings)) {
      auto m = make_finding(cfg, rules::OD9002, p.pos, std::move(p.message), {.key = std::move(p.key)});
      m.location.file = s->file;
      meta.push_back(std::move(m));
    }

  DirectiveParser parser(cfg, policy.require_reason || (s && s->require_reason), meta);
  auto directives = parser.parse();
  for (auto& f : findings) {
    if (f.suppression || f.location.file != cfg.file) continue;
    for (auto& d : directives) {
      if (f.location.pos.line < d.from || f.location.pos.line > d.to || !covers(d.rules, f.rule)) continue;
      d.used = true;
      f.suppression = Suppression{"inline", d.reason, {cfg.file, d.pos}};
      break;
    }
  }
  for (auto& d : directives)
    if (!d.used)
      meta.push_back(make_finding(cfg, rules::OD9001, d.pos,
                                  "this suppression matches no finding; remove it (the problem it hid is gone)",
                                  {.key = "inline:" + std::to_string(d.pos.line)}));

  if (policy.baseline) {
    auto& b = *policy.baseline;
    std::map<std::string, std::string> canon;  // finding file -> canonical, computed once per file
    for (auto& f : findings)
      if (!canon.count(f.location.file)) canon[f.location.file] = canonical_path(f.location.file);
    for (auto& e : b.entries) {
      bool expired = e.expires && *e.expires < policy.today;
      for (auto& f : findings) {
        if (f.suppression || f.rule->id != e.rule || f.key != e.key || canon[f.location.file] != e.resolved) continue;
        e.used = true;
        if (!expired) f.suppression = Suppression{"baseline", e.reason, {b.path, {e.line, 1}}};
      }
      auto at = [&](const Rule& r, std::string msg) {
        auto m = make_finding(cfg, r, {e.line, 1}, std::move(msg), {.key = "baseline:" + e.key});
        m.location.file = b.path;
        meta.push_back(std::move(m));
      };
      if (expired && e.used)
        at(rules::OD9003, fmt::format("baseline entry for {} expired on {}; the finding counts again ({})", e.rule,
                                      e.expires->str(), e.key));
      else if (!e.used)
        at(rules::OD9001, fmt::format("baseline entry for {} matches no finding; remove it ({})", e.rule, e.key));
    }
  }
  for (auto& m : meta) findings.push_back(std::move(m));
}

Expected<Baseline> load_baseline(const std::string& path) {
  auto text = read_text_file(path, 64 * 1024 * 1024);
  if (!text) return text.error();
  auto parsed = parse_json(*text, path);
  if (!parsed) return Error{parsed.error().where, "malformed baseline JSON: " + parsed.error().message};
  nlohmann::json doc = std::move(parsed.value());
  Baseline b{path, {}};
  size_t search_from = 0;
  bool searching = true;
  int line = 1;
  if (!doc.is_object() || !(doc.contains("schema") && doc["schema"].is_number_integer() && doc["schema"] == 1) ||
      !doc.contains("entries") || !doc["entries"].is_array())
    return Error{path, "not an oidc-doctor baseline (expected {\"schema\": 1, \"entries\": [...]})"};
  for (auto& j : doc["entries"]) {
    BaselineEntry e;
    if (!j.is_object() || !j.contains("rule") || !j.contains("file") || !j.contains("key") || !j["rule"].is_string() ||
        !j["file"].is_string() || !j["key"].is_string())
      return Error{path, "every baseline entry needs string fields rule, file and key"};
    e.rule = j["rule"];
    e.file = j["file"];
    e.key = j["key"];
    if (j.contains("reason") && j["reason"].is_string()) e.reason = j["reason"];
    if (j.contains("expires") && !j["expires"].is_null()) {
      auto d = j["expires"].is_string() ? Date::parse(j["expires"].get<std::string>()) : std::nullopt;
      if (!d) return Error{path, "baseline entry for " + e.rule + ": `expires` must be YYYY-MM-DD or null"};
      e.expires = d;
    }
    // Line of the entry's key in the file, so messages can point at it; entries are in file order,
    // so the search and the line count go on from the previous entry (linear in the file). A key
    // written differently from our own encoding (escapes) is not found; the search stops there
    // rather than scanning the rest of the file once per entry, and later entries say line 1.
    size_t at = searching ? text->find(dump_json(nlohmann::json(e.key)), search_from) : std::string::npos;
    if (at != std::string::npos) {
      line += static_cast<int>(std::count(text->begin() + static_cast<ptrdiff_t>(search_from),
                                          text->begin() + static_cast<ptrdiff_t>(at), '\n'));
      search_from = at + 1;  // text[at] is the quote, not a newline
    } else {
      searching = false;
    }
    e.resolved = canonical_path(std::filesystem::path(path).parent_path() / e.file);
    e.line = at == std::string::npos ? 1 : line;
    b.entries.push_back(std::move(e));
  }
  return b;
}

std::string baseline_json(const std::vector<Finding>& findings, const std::string& path, const Baseline* previous) {
  auto dir = std::filesystem::path(canonical_path(path)).parent_path();
  std::map<std::tuple<std::string, std::string, std::string>, nlohmann::ordered_json> entries;
  for (auto& f : findings) {
    if (f.rule->id.starts_with("OD9") || (f.suppression && f.suppression->kind != "baseline")) continue;
    std::string resolved = canonical_path(f.location.file);
    std::string file = std::filesystem::path(resolved).lexically_relative(dir).generic_string();
    nlohmann::ordered_json e{{"rule", f.rule->id}, {"name", f.rule->name}, {"file", file},
                             {"key", f.key},       {"reason", ""},         {"expires", nullptr}};
    if (previous)
      for (auto& p : previous->entries)
        if (p.rule == f.rule->id && p.resolved == resolved && p.key == f.key) {
          e["reason"] = p.reason;
          if (p.expires) e["expires"] = p.expires->str();
        }
    entries[{std::string(f.rule->id), file, f.key}] = std::move(e);
  }
  nlohmann::ordered_json doc{{"schema", 1}, {"entries", nlohmann::ordered_json::array()}};
  for (auto& [k, e] : entries) doc["entries"].push_back(std::move(e));
  return dump_json(doc, 2) + "\n";
}

}  // namespace od

namespace od {

namespace {
// `entry` (already checked) covers `rule`: `all`, the ID or name, or a prefix of the ID.
bool covers(std::string_view entry, const RuleInfo& rule) {
  if (iequals(entry, "all") || iequals(entry, rule.name)) return true;
  return entry.size() <= rule.id.size() && iequals(entry, rule.id.substr(0, entry.size()));
}
}  // namespace

Expected<std::vector<std::string>> parse_rule_list(std::string_view value) {
  std::vector<std::string> out;
  std::vector<std::string_view> known;
  for (const Rule* r : all_rules()) {
    known.push_back(r->id);
    known.push_back(r->name);
  }
  std::string list(value);
  std::stringstream ss(list);
  for (std::string e; std::getline(ss, e, ',');) {
    e.erase(0, e.find_first_not_of(' '));
    e.erase(e.find_last_not_of(' ') + 1);
    if (e.empty()) continue;
    bool any = false;
    for (const Rule* r : all_rules()) any = any || covers(e, *r);
    // A prefix is `OD` and digits; a lone letter or a name's start is no rule.
    bool id_shaped =
        e.size() >= 3 && iequals(e.substr(0, 2), "OD") && e.find_first_not_of("0123456789", 2) == std::string::npos;
    if (!iequals(e, "all") && !find_rule(e) && !(id_shaped && any)) {
      std::string m = did_you_mean(e, known);
      return Error{"", fmt::format("`{}` is no rule ID, name or ID prefix such as OD2{}; see oidc-doctor rules", e,
                                   m.empty() ? "" : " (did you mean `" + m + "`?)")};
    }
    out.push_back(e);
  }
  if (out.empty()) return Error{"", "expects rule IDs, names or prefixes, comma-separated"};
  return out;
}

bool rule_selected(const RuleSelection& s, const RuleInfo& rule) {
  auto any = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& e) { return covers(e, rule); });
  };
  return (s.select.empty() || any(s.select)) && !any(s.ignore);
}

void apply_selection(const RuleSelection& s, std::vector<Finding>& findings) {
  if (s.empty()) return;
  std::erase_if(findings, [&](const Finding& f) { return !rule_selected(s, *f.rule); });
}

}  // namespace od
