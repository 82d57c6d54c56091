// SARIF 2.1.0 as GitHub code scanning reads it: every rule with its documentation, results with
// repo-relative locations, stable partialFingerprints, and suppressions for accepted findings.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/json.h"
#include "core/project.h"
#include "report/outputs.h"
#include "rules/registry.h"

namespace od {

namespace {
using J = nlohmann::ordered_json;

std::string level(Severity s) { return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note"; }

// The doc's first paragraph under "What it checks", as the rule's full description.
std::string full_description(std::string_view doc, std::string_view fallback) {
  auto at = doc.find("## What it checks");
  if (at == std::string_view::npos) return std::string(fallback);
  at = doc.find('\n', at);
  auto end = doc.find("\n\n", at + 2);
  std::string para(doc.substr(at + 1, end == std::string_view::npos ? std::string_view::npos : end - at - 1));
  for (auto& c : para)
    if (c == '\n') c = ' ';
  return para.empty() ? std::string(fallback) : para;
}

// Artifact URIs are relative to the working directory (the repository root in CI); a file outside
// it gets an absolute file:// URI instead, since a relative reference may not start with a slash.
J artifact(const std::string& file) {
  std::error_code ec;
  auto p = std::filesystem::path(file);
  if (p.is_absolute()) {
    auto rel = std::filesystem::relative(p, std::filesystem::current_path(ec), ec);
    if (ec || rel.empty() || rel.string().starts_with(".."))
      return {{"uri", "file://" + p.lexically_normal().generic_string()}};
    p = rel;
  }
  return {{"uri", p.lexically_normal().generic_string()}, {"uriBaseId", "%SRCROOT%"}};
}
}  // namespace

std::string render_sarif(const ReportContext& ctx) {
  J rules = J::array();
  std::map<std::string_view, size_t> index;
  for (const Rule* r : all_rules()) {
    std::string doc(rule_doc(r->id));
    index[r->id] = rules.size();
    rules.push_back(
        {{"id", r->id},
         {"name", r->name},
         {"shortDescription", {{"text", r->summary}}},
         {"fullDescription", {{"text", full_description(doc, r->summary)}}},
         {"help",
          {{"text", doc.empty() ? std::string(r->fix) : doc}, {"markdown", doc.empty() ? std::string(r->fix) : doc}}},
         {"helpUri", std::string(kRuleDocBase) + std::string(r->id) + ".md"},
         {"defaultConfiguration", {{"level", level(r->severity)}}},
         {"properties", {{"category", r->category}, {"tags", J::array({r->category})}}}});
  }
  J results = J::array();
  for (auto& f : ctx.findings) {
    J region{{"startLine", std::max(1, f.location.pos.line)}};
    if (f.location.pos.column > 0) {
      region["startColumn"] = f.location.pos.column;
      if (f.location.file == ctx.cfg.file) {
        region["endLine"] = f.location.pos.line;
        region["endColumn"] = std::max(f.location.pos.column + 1, end_column(ctx.cfg.source, f.location.pos));
      }
    }
    std::string text = f.message + ". Fix: " + f.fix;
    if (!f.predicted_errors.empty()) text += " Users would see: " + f.predicted_errors.front();
    J result{
        {"ruleId", f.rule->id},
        {"ruleIndex", index[f.rule->id]},
        {"level", level(f.severity)},
        {"message", {{"text", text}}},
        {"locations",
         J::array({{{"physicalLocation", {{"artifactLocation", artifact(f.location.file)}, {"region", region}}}}})},
        {"partialFingerprints", {{"oidcDoctor/v1", fingerprint(f)}}}};
    J props = J::object();
    if (!f.environment.empty()) props["environment"] = f.environment;
    if (!f.client.empty()) props["client"] = f.client;
    if (!f.predicted_errors.empty()) props["predictedErrors"] = f.predicted_errors;
    if (!props.empty()) result["properties"] = props;
    if (f.suppression)
      result["suppressions"] =
          J::array({{{"kind", f.suppression->kind == "inline" ? "inSource" : "external"},
                     {"justification", f.suppression->reason.empty() ? f.suppression->kind : f.suppression->reason}}});
    results.push_back(std::move(result));
  }
  J doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", J::array({{{"tool",
                             {{"driver",
                               {{"name", "oidc-doctor"},
                                {"version", OD_VERSION},
                                {"semanticVersion", OD_VERSION},
                                {"informationUri", std::string(kHomepage)},
                                {"rules", rules}}}}},
                            {"results", results},
                            {"columnKind", "unicodeCodePoints"}}})}};
  // A run may hold at most 25,000 results for GitHub; keep the rest out rather than be rejected.
  auto& res = doc["runs"][0]["results"];
  if (res.size() > 25000) res.erase(res.begin() + 25000, res.end());
  return dump_json(doc, 2) + "\n";
}

}  // namespace od
