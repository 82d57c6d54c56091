// JUnit XML: one testcase per rule and target (the whole config, each environment, each client),
// so CI viewers show what passed too. Suppressed findings are skipped, not failed.
#include <fmt/format.h>

#include <map>

#include "core/encoding.h"
#include "core/text.h"
#include "report/outputs.h"
#include "rules/registry.h"

namespace od {

namespace {
// XML must be UTF-8: a Latin-1 config value or a binary IdP body becomes U+FFFD, not bytes that
// make the whole report unreadable; html_escape drops the control characters XML 1.0 forbids.
std::string xml(std::string_view s) { return html_escape(valid_utf8(s)); }
}  // namespace

std::string render_junit(const ReportContext& ctx) {
  std::vector<std::pair<std::string, std::string>> targets{{"", "configuration"}};  // (id, label)
  for (auto& e : ctx.cfg.environments) targets.push_back({"env:" + e.name.value, "environment " + e.name.value});
  for (auto& c : ctx.cfg.clients) targets.push_back({"client:" + c.id, c.label});
  auto target_of = [&](const Finding& f) -> std::string {
    if (!f.environment.empty()) return "env:" + f.environment;
    if (!f.client.empty()) return "client:" + f.client;
    return "";
  };
  std::map<std::pair<std::string_view, std::string>, std::vector<const Finding*>> by;
  for (auto& f : ctx.findings) by[{f.rule->id, target_of(f)}].push_back(&f);

  std::string cases;
  int tests = 0, failures = 0, skipped = 0;
  for (const Rule* r : all_rules()) {
    if (r->phase == Phase::Token) continue;  // token rules judge tokens (inspect-token), never a config
    for (auto& [tid, label] : targets) {
      ++tests;
      std::string name = xml(fmt::format("{} {}", r->id, label));
      std::string cls = xml(fmt::format("oidc-doctor.{}.{}", r->id, r->name));
      auto it = by.find({r->id, tid});
      if (it == by.end()) {
        cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\"/>\n", cls, name);
        continue;
      }
      std::string body, msg;
      bool all_suppressed = true;
      for (auto* f : it->second) {
        if (!f->suppression) all_suppressed = false;
        body += fmt::format(
            "{}:{}:{}: {} [{}]\n{}\nfix: {}\n", f->location.file, f->location.pos.line, f->location.pos.column,
            f->message, severity_name(f->severity),
            f->suppression ? "suppressed (" + f->suppression->kind + "): " + f->suppression->reason : "", f->fix);
        if (msg.empty()) msg = f->message;
      }
      if (all_suppressed) {
        ++skipped;
        cases += fmt::format(
            "    <testcase classname=\"{}\" name=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>\n", cls,
            name, xml("suppressed: " + msg));
      } else {
        ++failures;
        cases += fmt::format(
            "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    "
            "</testcase>\n",
            cls, name, xml(msg), severity_name(it->second.front()->severity), xml(body));
      }
    }
  }
  std::string suite = xml("oidc-doctor " + ctx.command + " " + ctx.cfg.file);
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"oidc-doctor\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"{2}\">\n"
      "  <testsuite name=\"{3}\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"{2}\">\n{4}"
      "  </testsuite>\n</testsuites>\n",
      tests, failures, skipped, suite, cases);
}

}  // namespace od
