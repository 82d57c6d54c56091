#include "findings/finding.h"

#include <algorithm>
#include <map>

#include "catalogue/catalogue.h"
#include "catalogue/predict.h"
#include "core/redact.h"

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

std::vector<std::string> predicted_errors(std::string_view platform, std::string_view provider,
                                          std::string_view rule_id, std::string_view category,
                                          const std::vector<std::string_view>& see_also,
                                          const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  auto add = [&](std::string text) {
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
  };
  for (auto code : see_also)
    if (auto* e = catalogue::find(code)) {
      bool own_code = e->code.find(':') == std::string_view::npos;
      std::string text = own_code ? std::string(e->code) : std::string(catalogue::display_name(e->provider));
      if (!e->wording.empty()) text += ": " + catalogue::fill(e->wording, values);
      add(std::move(text));
    }
  for (auto& text : catalogue::predict(platform, provider, rule_id, category, values)) add(text);
  return out;
}

Finding make_finding(const Config& cfg, const RuleInfo& rule, Pos where, std::string message, Extra extra) {
  Finding f;
  f.rule = &rule;
  f.severity = extra.severity.value_or(rule.severity);
  // A proxy address may carry user:password@; findings go to reports and CI logs.
  f.message = redact_url_credentials(message);
  f.fix = extra.fix.empty() ? std::string(rule.fix) : redact_url_credentials(extra.fix);
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
    f.predicted_errors =
        predicted_errors(cfg.platform, f.provider_kind, rule.id, rule.category, extra.see_also, values);
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
