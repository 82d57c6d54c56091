#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "rules/registry.h"

namespace od::cli {

namespace {
struct RulesOptions {
  std::string format = "text";
  std::string explain;
};

int list(const RulesOptions& o) {
  if (o.format == "json") {
    auto a = nlohmann::ordered_json::array();
    for (const Rule* r : all_rules())
      a.push_back({{"id", r->id}, {"name", r->name}, {"severity", severity_name(r->severity)},
                   {"category", r->category}, {"phase", phase_name(r->phase)}, {"summary", r->summary},
                   {"fix", r->fix}});
    std::cout << nlohmann::ordered_json{{"schema", 1}, {"rules", a}}.dump(2) << "\n";
    return kOk;
  }
  if (o.format == "markdown") {
    std::cout << "| ID | name | severity | category | phase | checks |\n|---|---|---|---|---|---|\n";
    for (const Rule* r : all_rules())
      std::cout << fmt::format("| {} | {} | {} | {} | {} | {} |\n", r->id, r->name, severity_name(r->severity),
                               r->category, phase_name(r->phase), r->summary);
    return kOk;
  }
  for (const Rule* r : all_rules())
    std::cout << fmt::format("{}  {:<32} {:<8} {:<24} {:<8} {}\n", r->id, r->name, severity_name(r->severity),
                             r->category, phase_name(r->phase), r->summary);
  return kOk;
}

int explain(const std::string& what) {
  const Rule* r = find_rule(what);
  if (!r) return report_error({"rules explain", "no rule `" + what + "`; `oidc-doctor rules` lists them"});
  auto doc = rule_doc(r->id);
  if (doc.empty()) return report_error({std::string(r->id), "has no documentation page (rules/" + std::string(r->id) + ".md)"});
  std::cout << doc;
  if (!doc.ends_with("\n")) std::cout << "\n";
  return kOk;
}
}  // namespace

void setup_rules(CLI::App& sub, Action& action) {
  auto o = std::make_shared<RulesOptions>();
  sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  auto* ex = sub.add_subcommand("explain", "Print a rule's documentation (by ID or name)");
  ex->add_option("rule", o->explain, "Rule ID or name, e.g. OD2001 or redirect-uri-not-registered")->required();
  action = [o, ex] { return ex->parsed() ? explain(o->explain) : list(*o); };
}

}  // namespace od::cli
