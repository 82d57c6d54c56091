#include "report/findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "core/files.h"
#include "core/json.h"
#include "core/project.h"
#include "core/redact.h"
#include "core/text.h"
#include "report/matrix.h"
#include "report/outputs.h"

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

// What the text report shows as one block: a finding alone, or findings it collapses (JSON,
// SARIF and the other formats keep one result each).
struct Item {
  std::vector<const Finding*> members;  // in report order; the first stands for the block
  bool across_environments = false;     // the same finding on several environments
};

// A finding's text with its own environment's name taken out, so the same problem on two
// environments compares equal.
std::string without_environment(const Finding& f, const std::string& text) {
  if (f.environment.empty()) return text;
  std::string out = text, name = "`" + f.environment + "`";
  for (size_t at = 0; (at = out.find(name, at)) != std::string::npos;) out.replace(at, name.size(), "`\x01`");
  return out;
}

// Collapses (1) the same finding on several environments (one rule, client, message and fix but
// for the environment's name: a probe failure on every environment behind one route) into one
// block naming them, then (2) several findings of one rule on one client and environment (four
// builder URIs missing) into one block listing them.
std::vector<Item> collapse(const std::vector<Finding>& findings) {
  std::vector<const Finding*> open;
  for (auto& f : findings)
    if (!f.suppression) open.push_back(&f);
  std::vector<Item> items;
  std::vector<bool> taken(open.size(), false);
  auto same_env_key = [](const Finding& f) {
    std::string k = fmt::format("{}\x02{}\x02{}\x02{}\x02{}", f.rule->id, severity_name(f.severity), f.client,
                                without_environment(f, f.message), without_environment(f, f.fix));
    for (auto& p : f.predicted_errors) k += "\x02" + without_environment(f, p);
    return k;
  };
  for (size_t i = 0; i < open.size(); ++i) {
    if (taken[i] || open[i]->environment.empty()) continue;
    Item item{{open[i]}, true};
    std::vector<size_t> idx{i};
    auto key = same_env_key(*open[i]);
    for (size_t j = i + 1; j < open.size(); ++j)
      if (!taken[j] && !open[j]->environment.empty() && open[j]->environment != open[i]->environment &&
          same_env_key(*open[j]) == key) {
        bool seen = false;  // one member per environment
        for (auto* m : item.members) seen = seen || m->environment == open[j]->environment;
        if (seen) continue;
        item.members.push_back(open[j]);
        idx.push_back(j);
      }
    if (item.members.size() < 2) continue;
    for (size_t k : idx) taken[k] = true;
    items.push_back(std::move(item));
  }
  for (size_t i = 0; i < open.size(); ++i) {
    if (taken[i]) continue;
    Item item{{open[i]}, false};
    taken[i] = true;
    for (size_t j = i + 1; j < open.size(); ++j) {
      const Finding &a = *open[i], &b = *open[j];
      if (!taken[j] && a.rule == b.rule && a.severity == b.severity && a.client == b.client &&
          a.environment == b.environment) {
        item.members.push_back(&b);
        taken[j] = true;
      }
    }
    items.push_back(std::move(item));
  }
  // Report order: by each block's first finding.
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    return std::find(open.begin(), open.end(), a.members.front()) <
           std::find(open.begin(), open.end(), b.members.front());
  });
  return items;
}

std::string environments_of(const Item& item) {
  std::string out;
  for (auto* m : item.members) out += (out.empty() ? "" : ", ") + m->environment;
  return out;
}

// Groups in config order: each environment, then findings shared by several environments, then
// each client, then the rest.
std::vector<std::pair<std::string, std::vector<const Item*>>> group(const Config& cfg, const std::vector<Item>& items) {
  std::vector<std::pair<std::string, std::vector<const Item*>>> groups;
  auto add = [&](const std::string& title, auto pred) {
    std::vector<const Item*> g;
    for (auto& it : items)
      if (pred(it)) g.push_back(&it);
    if (!g.empty()) groups.emplace_back(title, std::move(g));
  };
  auto known_env = [&](const std::string& name) {
    for (auto& env : cfg.environments)
      if (env.name.value == name) return true;
    return false;
  };
  for (auto& env : cfg.environments)
    add("environment " + env.name.value,
        [&](const Item& it) { return !it.across_environments && it.members.front()->environment == env.name.value; });
  std::vector<std::string> shared;
  for (auto& it : items)
    if (it.across_environments && std::find(shared.begin(), shared.end(), environments_of(it)) == shared.end())
      shared.push_back(environments_of(it));
  for (auto& envs : shared)
    add("environments " + envs, [&](const Item& it) { return it.across_environments && environments_of(it) == envs; });
  for (auto& c : cfg.clients)
    add(c.label,
        [&](const Item& it) { return it.members.front()->environment.empty() && it.members.front()->client == c.id; });
  add("configuration", [&](const Item& it) {
    const Finding& f = *it.members.front();
    if (it.across_environments) return false;
    if (!f.environment.empty()) return !known_env(f.environment);
    return f.client.empty() || !cfg.client(f.client);
  });
  return groups;
}

// Literal secrets of the config, masked wherever a source line would show them.
std::vector<std::string> literal_secrets(const Config& cfg) {
  std::vector<std::string> out;
  for (auto& c : cfg.clients)
    if (c.secret && c.secret->source == Secret::Source::Literal && c.secret->value) out.push_back(*c.secret->value);
  return out;
}

// A config line as the report shows it: secrets masked (a value under a secret-named key that
// is not a ${env:}/${file:} reference, any literal secret the config holds, URL passwords),
// tabs as single spaces so the caret stays under its column.
std::string display_line(std::string line, const std::vector<std::string>& secrets) {
  line = redact_url_credentials(scrub_secrets(std::move(line), secrets, "[redacted]"));
  size_t key_start = line.find_first_not_of(" \t-\"");
  size_t colon = line.find(':', key_start == std::string::npos ? 0 : key_start);
  if (key_start != std::string::npos && colon != std::string::npos) {
    std::string key = line.substr(key_start, colon - key_start);
    while (!key.empty() && (key.back() == '"' || key.back() == ' ')) key.pop_back();
    size_t value = line.find_first_not_of(" \t\"", colon + 1);
    if (is_secret_name(key) && value != std::string::npos && line.compare(value, 2, "${") != 0 &&
        line.compare(value, 10, "[redacted]") != 0) {
      size_t end = line.find(" #", value);
      line = line.substr(0, value) + "[redacted]" + (end == std::string::npos ? "" : line.substr(end));
    }
  }
  for (auto& c : line)
    if (c == '\t' || c == '\r') c = ' ';
  return line;
}

// The lines of each file findings point into: the config's own text, and exports read on demand.
class Sources {
 public:
  explicit Sources(const Config& cfg) : cfg_(cfg), secrets_(literal_secrets(cfg)) {}

  // "  NN | line" and "     | ^^^^" under the value, or "" when the line is unknown.
  std::string snippet(const Location& at, const Style& st) {
    if (!at.pos.known() || at.pos.line < 1) return "";
    const std::string* text = source(at.file);
    if (!text) return "";
    size_t start = 0;
    for (int l = 1; l < at.pos.line && start != std::string::npos; ++l) {
      start = text->find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return "";
    size_t eol = text->find('\n', start);
    std::string line = display_line(text->substr(start, eol == std::string::npos ? eol : eol - start), secrets_);
    if (line.size() > 160) return "";  // a minified export: the location says enough
    int col = std::max(at.pos.column, 1);
    if (static_cast<size_t>(col) > line.size() + 1) col = static_cast<int>(line.size()) + 1;
    int width = std::max(end_column(line, {1, col}) - col, 1);
    std::string num = std::to_string(at.pos.line);
    std::string pad(num.size(), ' ');
    return "          " + st.dim(num + " | ") + printable(line) + "\n" + "          " + st.dim(pad + " | ") +
           std::string(col - 1, ' ') + st.bold(std::string(width, '^')) + "\n";
  }

 private:
  const std::string* source(const std::string& file) {
    if (file == cfg_.file) return &cfg_.source;
    auto it = read_.find(file);
    if (it == read_.end()) {
      std::optional<std::string> text;
      if (std::find(cfg_.sources.begin(), cfg_.sources.end(), file) != cfg_.sources.end())
        if (auto t = read_text_file(file, 16 * 1024 * 1024)) text = *t;
      it = read_.emplace(file, std::move(text)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  const Config& cfg_;
  std::vector<std::string> secrets_;
  std::map<std::string, std::optional<std::string>> read_;
};

std::string where(const Location& l) { return fmt::format("{}:{}:{}", l.file, l.pos.line, l.pos.column); }

}  // namespace

std::string rule_doc_url(std::string_view id) { return std::string(kRuleDocBase) + std::string(id) + ".md"; }

std::string render_text(const Config& cfg, const std::vector<Finding>& findings, FailOn fail_on, const Style& st,
                        std::string_view command) {
  std::string out;
  std::string provider = cfg.has_provider ? (cfg.provider.name.empty() ? cfg.provider.kind : cfg.provider.name) : "";
  // Every piece of text that came from the config or an IdP goes through printable().
  out += st.bold(printable(cfg.file)) +
         st.dim(printable(fmt::format(" · platform {}{} · {} environment(s)", cfg.platform,
                                      provider.empty() ? "" : " · IdP " + provider, cfg.environments.size()))) +
         "\n";
  if (command == "preflight") out += st.dim("probed from this host, through each environment's proxy settings") + "\n";
  Sources sources(cfg);
  auto items = collapse(findings);
  std::vector<std::string_view> rules_seen;
  constexpr std::string_view kIndent = "          ";
  for (auto& [title, group_items] : group(cfg, items)) {
    out += "\n" + st.bold(printable(title)) + "\n";
    for (const Item* it : group_items) {
      const Finding* f = it->members.front();
      if (std::find(rules_seen.begin(), rules_seen.end(), f->rule->id) == rules_seen.end())
        rules_seen.push_back(f->rule->id);
      std::string sev(severity_name(f->severity));
      std::string painted = f->severity == Severity::Error     ? st.red(fmt::format("{:<7}", sev))
                            : f->severity == Severity::Warning ? st.yellow(fmt::format("{:<7}", sev))
                                                               : st.blue(fmt::format("{:<7}", sev));
      const bool listed = !it->across_environments && it->members.size() > 1;
      out +=
          fmt::format("  {} {} {}  {}\n", painted, st.bold(f->rule->id), f->rule->name,
                      st.dim(listed ? fmt::format("{} findings", it->members.size()) : printable(where(f->location))));
      std::vector<const Location*> shown;  // each source line once per block
      auto show = [&](const Location& l) {
        for (auto* s : shown)
          if (s->file == l.file && s->pos.line == l.pos.line && s->pos.column == l.pos.column) return;
        shown.push_back(&l);
        out += sources.snippet(l, st);
      };
      if (listed) {
        for (auto* m : it->members)
          out +=
              std::string(kIndent) + "- " + printable(m->message) + "  " + st.dim(printable(where(m->location))) + "\n";
        for (auto* m : it->members) show(m->location);
      } else {
        out += std::string(kIndent) + printable(f->message) + "\n";
        if (it->across_environments) {
          std::string also;
          for (size_t i = 1; i < it->members.size(); ++i)
            also += (i > 1 ? ", " : "") + it->members[i]->environment + " (" +
                    (it->members[i]->location.file == f->location.file
                         ? fmt::format("line {}", it->members[i]->location.pos.line)
                         : where(it->members[i]->location)) +
                    ")";
          out += std::string(kIndent) + st.dim("same for: ") + printable(also) + "\n";
        }
        show(f->location);
      }
      if (!f->client.empty() && title != client_label(cfg, f->client))
        out += std::string(kIndent) + st.dim("client: ") + printable(client_label(cfg, f->client)) + "\n";
      std::vector<std::string> fixes, predicted;
      for (auto* m : it->members) {
        if (std::find(fixes.begin(), fixes.end(), m->fix) == fixes.end()) fixes.push_back(m->fix);
        for (auto& p : m->predicted_errors)
          if (std::find(predicted.begin(), predicted.end(), p) == predicted.end()) predicted.push_back(p);
        if (it->across_environments) break;  // the others say the same for their environment
      }
      for (size_t i = 0; i < fixes.size(); ++i)
        out += std::string(kIndent) + st.dim(i ? "     " : "fix: ") + printable(fixes[i]) + "\n";
      for (size_t i = 0; i < predicted.size(); ++i)
        out += (i ? "                           " : std::string(kIndent) + st.dim("users would see: ")) +
               printable(predicted[i]) + "\n";
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
  if (!rules_seen.empty()) {
    std::sort(rules_seen.begin(), rules_seen.end());
    out += "\n" + st.bold("rule documentation") + "\n";
    for (auto id : rules_seen) out += "  " + std::string(id) + "  " + rule_doc_url(id) + "\n";
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
