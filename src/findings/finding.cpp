#include "findings/finding.h"

#include <algorithm>
#include <map>

#include "catalogue/catalogue.h"

namespace od {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::Offline: return "offline";
    case Phase::Probe: return "probe";
    case Phase::Token: return "token";
    case Phase::Meta: return "meta";
  }
  return "offline";
}

namespace {

// A catalogue wording with its {placeholders} filled where the finding knows the value,
// and an ellipsis where it does not.
std::string fill(std::string_view wording, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < wording.size(); ++i) {
    size_t close = wording[i] == '{' ? wording.find('}', i) : std::string_view::npos;
    std::string_view name = close == std::string_view::npos ? "" : wording.substr(i + 1, close - i - 1);
    // Only {lower_case_name} is a placeholder; other braces (JSON samples) are text.
    bool placeholder = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos;
    if (!placeholder) {
      out += wording[i];
      continue;
    }
    auto it = values.find(std::string(name));
    out += it != values.end() && !it->second.empty() ? it->second : "…";
    i = close;
  }
  return out;
}

std::string introduced(const catalogue::Entry& e, const std::map<std::string, std::string>& values) {
  bool own_code = e.code.find(':') == std::string_view::npos;
  std::string text = own_code ? std::string(e.code) : std::string(catalogue::display_name(e.provider));
  if (!e.wording.empty()) text += ": " + fill(e.wording, values);
  return text;
}

}  // namespace

// What the user would meet: the platform's symptom first, then the IdP's own message, each
// introduced by the code users search for (AADSTS50011) or, for uncoded messages, the IdP's name.
std::vector<std::string> predicted_errors(std::string_view platform, std::string_view provider,
                                          std::string_view category, const std::vector<std::string_view>& see_also,
                                          const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  auto add = [&](std::string text) {
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
  };
  for (auto code : see_also)
    if (auto* e = catalogue::find(code)) add(introduced(*e, values));
  for (auto who : {platform, provider}) {
    if (who.empty()) continue;
    for (auto* e : catalogue::predicted(who, category)) add(introduced(*e, values));
  }
  return out;
}

Finding make_finding(const Config& cfg, const RuleInfo& rule, Pos where, std::string message, Extra extra) {
  Finding f;
  f.rule = &rule;
  f.severity = extra.severity.value_or(rule.severity);
  f.message = std::move(message);
  f.fix = extra.fix.empty() ? std::string(rule.fix) : std::move(extra.fix);
  f.environment = std::move(extra.environment);
  f.provider_kind = cfg.provider.kind;
  if (extra.client) {
    f.client = extra.client->id;
    f.provider_kind = extra.client->provider_kind;
  }
  // Values read from an export or machine.config point into that file.
  bool imported = where.source > 0 && where.source <= static_cast<int>(cfg.sources.size());
  f.location = {imported ? cfg.sources[where.source - 1] : cfg.file, where};
  // Okta words the same value {url}.
  std::map<std::string, std::string> values{{"redirect_uri", extra.redirect_uri}, {"url", extra.redirect_uri}};
  if (extra.client && extra.client->client_id) values["client_id"] = extra.client->client_id->value;
  if (extra.predictions)
    f.predicted_errors = predicted_errors(cfg.platform, f.provider_kind, rule.category, extra.see_also, values);
  f.key = std::string(rule.id) + "|" + f.environment + "|" + f.client + "|" + extra.key;
  return f;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.location.pos.source != b.location.pos.source) return a.location.pos.source < b.location.pos.source;
    if (a.location.pos.line != b.location.pos.line) return a.location.pos.line < b.location.pos.line;
    if (a.location.pos.column != b.location.pos.column) return a.location.pos.column < b.location.pos.column;
    return a.rule->id < b.rule->id;
  });
}

}  // namespace od
