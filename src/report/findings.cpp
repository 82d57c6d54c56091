#include "report/findings.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "core/json.h"
#include "core/text.h"
#include "report/matrix.h"

namespace od {

std::string_view fail_on_name(FailOn f) {
  switch (f) {
    case FailOn::Error: return "error";
    case FailOn::Warning: return "warning";
    case FailOn::Info: return "info";
    case FailOn::Never: return "never";
  }
  return "error";
}

Summary summarize(const std::vector<Finding>& findings, FailOn fail_on) {
  Summary s;
  for (auto& f : findings) {
    if (f.suppression) {
      ++s.suppressed;
      continue;
    }
    (f.severity == Severity::Error ? s.errors : f.severity == Severity::Warning ? s.warnings : s.infos)++;
    if (fail_on != FailOn::Never && static_cast<int>(f.severity) >= 2 - static_cast<int>(fail_on)) s.failed = true;
  }
  return s;
}

namespace {

std::string client_label(const Config& cfg, const std::string& id) {
  if (auto* c = cfg.client(id)) return c->label;
  return id;
}

// Groups in config order: each environment, then each client, then the rest.
std::vector<std::pair<std::string, std::vector<const Finding*>>> group(const Config& cfg,
                                                                       const std::vector<Finding>& findings) {
  std::vector<std::pair<std::string, std::vector<const Finding*>>> groups;
  auto add = [&](const std::string& title, auto pred) {
    std::vector<const Finding*> g;
    for (auto& f : findings)
      if (!f.suppression && pred(f)) g.push_back(&f);
    if (!g.empty()) groups.emplace_back(title, std::move(g));
  };
  for (auto& env : cfg.environments)
    add("environment " + env.name.value, [&](const Finding& f) { return f.environment == env.name.value; });
  for (auto& c : cfg.clients) add(c.label, [&](const Finding& f) { return f.environment.empty() && f.client == c.id; });
  add("configuration", [&](const Finding& f) {
    if (!f.environment.empty()) {
      for (auto& env : cfg.environments)
        if (env.name.value == f.environment) return false;
      return true;
    }
    return f.client.empty() || !cfg.client(f.client);
  });
  return groups;
}

}  // namespace

std::string render_text(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on, const Style& st) {
  std::string out;
  std::string provider = cfg.has_provider ? (cfg.provider.name.empty() ? cfg.provider.kind : cfg.provider.name) : "";
  // Every piece of text that came from the config or an IdP goes through printable().
  out += st.bold(printable(cfg.file)) +
         st.dim(printable(fmt::format(" · platform {}{} · {} environment(s)", cfg.platform,
                                      provider.empty() ? "" : " · IdP " + provider, cfg.environments.size()))) +
         "\n";
  for (auto& [title, items] : group(cfg, findings)) {
    out += "\n" + st.bold(printable(title)) + "\n";
    for (auto* f : items) {
      std::string sev(severity_name(f->severity));
      std::string painted = f->severity == Severity::Error     ? st.red(fmt::format("{:<7}", sev))
                            : f->severity == Severity::Warning ? st.yellow(fmt::format("{:<7}", sev))
                                                               : st.blue(fmt::format("{:<7}", sev));
      out += fmt::format(
          "  {} {} {}  {}\n", painted, st.bold(f->rule->id), f->rule->name,
          st.dim(printable(fmt::format("{}:{}:{}", f->location.file, f->location.pos.line, f->location.pos.column))));
      out += "          " + printable(f->message) + "\n";
      if (!f->client.empty() && title != client_label(cfg, f->client))
        out += "          " + st.dim("client: ") + printable(client_label(cfg, f->client)) + "\n";
      out += "          " + st.dim("fix: ") + printable(f->fix) + "\n";
      if (!f->predicted_errors.empty()) {
        out += "          " + st.dim("users would see: ") + printable(f->predicted_errors.front()) + "\n";
        for (size_t i = 1; i < f->predicted_errors.size(); ++i)
          out += "                           " + printable(f->predicted_errors[i]) + "\n";
      }
    }
  }
  auto s = summarize(findings, fail_on);
  if (s.suppressed) {
    out += "\n" + st.bold("suppressed") + st.dim(" (counted in no total; remove the suppression to see them again)") +
           "\n";
    for (auto& f : findings)
      if (f.suppression)
        out += printable(fmt::format("  {} {}  {}:{}  {}{}", f.rule->id, f.rule->name, f.location.file,
                                     f.location.pos.line, f.suppression->kind,
                                     f.suppression->reason.empty() ? "" : ": " + f.suppression->reason)) +
               "\n";
  }
  if (s.errors + s.warnings + s.infos == 0) out += "\nNo findings.\n";
  out += fmt::format("\n{} error(s), {} warning(s), {} info{} · fail-on {} · {}\n", s.errors, s.warnings, s.infos,
                     s.suppressed ? fmt::format(", {} suppressed", s.suppressed) : "", fail_on_name(fail_on),
                     s.failed ? st.red("FAILED") : "passed");
  return out;
}

nlohmann::ordered_json json_report(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on,
                                   const probes::Facts* facts, std::string_view command) {
  using J = nlohmann::ordered_json;
  J arr = J::array();
  for (auto& f : findings) {
    J j;
    j["rule"] = f.rule->id;
    j["name"] = f.rule->name;
    j["severity"] = severity_name(f.severity);
    j["category"] = f.rule->category;
    j["message"] = f.message;
    j["fix"] = f.fix;
    j["environment"] = f.environment.empty() ? J(nullptr) : J(f.environment);
    j["client"] = f.client.empty() ? J(nullptr) : J(f.client);
    j["provider"] = f.provider_kind.empty() ? J(nullptr) : J(f.provider_kind);
    j["location"] = {{"file", f.location.file}, {"line", f.location.pos.line}, {"column", f.location.pos.column}};
    j["predicted_errors"] = f.predicted_errors;
    j["key"] = f.key;
    if (f.suppression)
      j["suppressed"] = {{"kind", f.suppression->kind},
                         {"reason", f.suppression->reason},
                         {"location", {{"file", f.suppression->where.file}, {"line", f.suppression->where.pos.line}}}};
    arr.push_back(std::move(j));
  }
  auto s = summarize(findings, fail_on);
  J doc;
  doc["schema"] = 1;
  doc["tool"] = {{"name", "oidc-doctor"}, {"version", OD_VERSION}};
  doc["config"] = cfg.file;
  doc["platform"] = cfg.platform;
  doc["findings"] = std::move(arr);
  doc["summary"] = {{"errors", s.errors},         {"warnings", s.warnings},   {"info", s.infos},
                    {"suppressed", s.suppressed}, {"total", findings.size()}, {"fail_on", fail_on_name(fail_on)},
                    {"failed", s.failed}};
  add_matrix(doc, cfg, findings, facts, command);
  return doc;
}

std::string render_json(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on,
                        const probes::Facts* facts, std::string_view command) {
  return dump_json(json_report(cfg, findings, fail_on, facts, command), 2) + "\n";
}

}  // namespace od
