#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "cli/commands.h"
#include "core/category.h"
#include "core/json.h"
#include "core/text.h"
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
      a.push_back({{"id", r->id},
                   {"name", r->name},
                   {"severity", severity_name(r->severity)},
                   {"phase", phase_name(r->phase)},
                   {"category", r->category},
                   {"summary", r->summary},
                   {"fix", r->fix}});
    std::cout << dump_json(nlohmann::ordered_json{{"schema", 1}, {"rules", a}}, 2) << "\n";
    return kOk;
  }
  if (o.format == "markdown") {
    std::cout << "| ID | name | phase | severity | category | checks |\n|---|---|---|---|---|---|\n";
    for (const Rule* r : all_rules())
      std::cout << fmt::format("| {} | {} | {} | {} | {} | {} |\n", r->id, r->name, phase_name(r->phase),
                               severity_name(r->severity), r->category, r->summary);
    return kOk;
  }
  for (const Rule* r : all_rules())
    std::cout << fmt::format("{}  {:<32} {:<7} {:<8} {:<24} {}\n", r->id, r->name, phase_name(r->phase),
                             severity_name(r->severity), r->category, r->summary);
  return kOk;
}

// The shared category vocabulary, with the rules that carry each category and how many
// catalogue entries are filed under it.
int categories(const RulesOptions& o) {
  struct Row {
    std::string_view name, summary;
    std::vector<std::string> rules;
    size_t entries = 0;
  };
  std::vector<Row> rows;
  for (auto& c : od::categories()) {
    Row row{c.name, c.summary, {}, 0};
    for (const Rule* r : all_rules())
      if (r->category == c.name) row.rules.emplace_back(r->id);
    for (auto& e : catalogue::entries())
      if (e.category == c.name) ++row.entries;
    rows.push_back(std::move(row));
  }
  if (o.format == "json") {
    auto a = nlohmann::ordered_json::array();
    for (auto& r : rows)
      a.push_back({{"name", r.name}, {"meaning", r.summary}, {"rules", r.rules}, {"catalogue_entries", r.entries}});
    std::cout << dump_json(nlohmann::ordered_json{{"schema", 1}, {"categories", a}}, 2) << "\n";
    return kOk;
  }
  if (o.format == "markdown") {
    std::cout << "| category | meaning | rules | catalogue entries |\n|---|---|---|---|\n";
    for (auto& r : rows)
      std::cout << fmt::format("| `{}` | {} | {} | {} |\n", r.name, r.summary, join(r.rules, ", "), r.entries);
    return kOk;
  }
  for (auto& r : rows) {
    std::cout << fmt::format("{:<28} {}\n", r.name, r.summary);
    if (!r.rules.empty() || r.entries)
      std::cout << fmt::format("{:<28} rules: {}; catalogue entries: {}\n", "",
                               r.rules.empty() ? std::string("none") : join(r.rules, ", "), r.entries);
  }
  return kOk;
}

int explain(const std::string& what) {
  const Rule* r = find_rule(what);
  if (!r) return report_error({"rules explain", "no rule `" + what + "`; `oidc-doctor rules` lists them"});
  auto doc = rule_doc(r->id);
  if (doc.empty())
    return report_error({std::string(r->id), "has no documentation page (rules/" + std::string(r->id) + ".md)"});
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
  auto* cats = sub.add_subcommand("categories", "List the category vocabulary shared by rules and the error catalogue");
  cats->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  action = [o, ex, cats] {
    if (ex->parsed()) return explain(o->explain);
    return cats->parsed() ? categories(*o) : list(*o);
  };
}

}  // namespace od::cli
