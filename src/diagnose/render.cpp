#include "diagnose/render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "core/json.h"
#include "core/text.h"

namespace od::diagnose {

namespace {

constexpr std::string_view kTriage[] = {
    "Paste the complete message, including any code (AADSTS..., E0000..., MSIS..., IDX...) and the error_description.",
    "Record the failed sign-in in the browser (developer tools, Network, Save all as HAR) and run "
    "`oidc-doctor diagnose --file sign-in.har`.",
    "Open the identity provider's sign-in or audit log for the failed attempt; it records a reason code.",
    "Run `oidc-doctor lint` on your config: most sign-in failures are a redirect URI, client id or secret mismatch.",
};

std::string where(const Diagnosis& d) {
  std::string s;
  if (d.first_line > 0) {
    s = "line " + std::to_string(d.first_line);
    if (d.last_line > d.first_line) s += "-" + std::to_string(d.last_line);
  }
  if (!d.har.empty()) {
    auto& h = d.har.front();
    if (!s.empty()) s += ", ";
    // The query is in the JSON output; here the address is enough to find the entry.
    s += fmt::format("HAR entry {} ({} {})", h.index, h.status, h.url.substr(0, h.url.find('?')));
    if (d.har.size() > 1) s += fmt::format(" and {} more", d.har.size() - 1);
  }
  if (d.count > 1) s += (s.empty() ? "" : ", ") + fmt::format("{} times", d.count);
  return s;
}

}  // namespace

std::string render_text(const Result& result, const Style& st) {
  std::string out;
  if (!result.recognized()) {
    out += st.bold("No known sign-in error was recognised in the input.") + "\n\nWhat to try next:\n";
    int n = 0;
    for (auto step : kTriage) out += fmt::format("  {}. {}\n", ++n, step);
    return out;
  }
  int n = 0;
  for (auto& d : result.diagnoses) {
    if (n) out += "\n";
    // The code as the user saw it first; the catalogue id beside it when that differs.
    std::string header = fmt::format("{}. {}", ++n, d.error.empty() ? d.code : d.error);
    if (!d.error.empty() && d.error != d.code) header += " [" + d.code + "]";
    // Evidence, extracted values and config messages hold pasted text: printable() throughout.
    out += st.bold(printable(header)) + "  " + printable(d.title) + "\n";
    std::string meta = fmt::format("{} · {}", catalogue::display_name(d.provider), d.category);
    if (auto w = where(d); !w.empty()) meta += " · " + w;
    if (!d.via.empty() && d.via != "text") meta += " · found in " + d.via;
    for (auto* f : d.folded)
      meta += " · with " + std::string(catalogue::display_name(f->provider)) + " " + std::string(f->code);
    out += "   " + st.dim(printable(meta)) + "\n";
    out += "   Evidence: " + printable(d.evidence) + "\n";
    if (!d.extracted.empty()) {
      std::vector<std::string> parts;
      for (auto& [name, values] : d.extracted) parts.push_back(name + "=" + join(values, " | "));
      out += "   Extracted: " + printable(join(parts, ", ")) + "\n";
    }
    out += "   Meaning: " + printable(d.meaning()) + "\n";
    auto causes = d.causes();
    if (!causes.empty()) {
      out += "   " + st.bold("Most likely cause: ") + printable(causes.front()) + "\n";
      if (causes.size() > 1) {
        out += "   Other causes:\n";
        for (size_t i = 1; i < causes.size(); ++i) out += "     - " + printable(causes[i]) + "\n";
      }
    }
    if (!d.config.empty()) {
      out += "   " + st.bold("In your config:") + "\n";
      for (auto& c : d.config) {
        std::string scope;
        if (!c.environment.empty()) scope += "environment " + c.environment;
        if (!c.client.empty()) scope += (scope.empty() ? "" : ", ") + c.client;
        if (!c.rule.empty()) scope += (scope.empty() ? "" : ", ") + c.rule;
        out += "     - " + printable((scope.empty() ? "" : "[" + scope + "] ") + c.message);
        if (!c.location.empty()) out += " " + st.dim(printable("(" + c.location + ")"));
        out += "\n";
      }
    }
    out += "   " + st.bold("Fix:") + "\n";
    int step = 0;
    for (auto& f : d.fix()) out += fmt::format("     {}. {}\n", ++step, printable(f));
    auto same = d.same_rules();
    if (!same.empty()) out += "   Rules that catch it early (lint, preflight): " + join(same, ", ") + "\n";
    auto causes_it = d.caused_by();
    if (!causes_it.empty()) out += "   Rules whose finding causes it: " + join(causes_it, ", ") + "\n";
    if (!d.reference.empty()) out += "   Reference: " + printable(d.reference) + "\n";
  }
  return out;
}

std::string render_json(const Result& result) {
  using J = nlohmann::ordered_json;
  J doc = {{"schema", 1}, {"recognized", result.recognized()}, {"diagnoses", J::array()}};
  for (auto& d : result.diagnoses) {
    auto causes = d.causes();
    J extracted = J::object();
    // One value as a string; several distinct values (aggregated logs) as a list.
    for (auto& [name, values] : d.extracted) extracted[name] = values.size() == 1 ? J(values.front()) : J(values);
    J config = J::array();
    for (auto& c : d.config)
      config.push_back({{"environment", c.environment.empty() ? J(nullptr) : J(c.environment)},
                        {"client", c.client.empty() ? J(nullptr) : J(c.client)},
                        {"message", c.message},
                        {"location", c.location.empty() ? J(nullptr) : J(c.location)},
                        {"rule", c.rule.empty() ? J(nullptr) : J(c.rule)}});
    J folded = J::array();
    for (auto* f : d.folded) folded.push_back({{"code", f->code}, {"provider", f->provider}, {"title", f->title}});
    J where = {{"first_line", d.first_line > 0 ? J(d.first_line) : J(nullptr)},
               {"last_line", d.last_line > 0 ? J(d.last_line) : J(nullptr)}};
    if (!d.har.empty()) {
      J har = J::array();
      for (auto& h : d.har) har.push_back({{"entry", h.index}, {"url", h.url}, {"status", h.status}});
      where["har"] = har;
    }
    doc["diagnoses"].push_back({{"code", d.code},
                                {"error", d.error},
                                {"provider", d.provider},
                                {"category", d.category},
                                {"title", d.title},
                                {"cause", causes.empty() ? std::string() : causes.front()},
                                {"fix", d.fix()},
                                {"rules", d.rules()},
                                {"caused_by", d.caused_by()},
                                {"extracted", extracted},
                                {"evidence", d.evidence},
                                {"count", d.count},
                                {"config", config},
                                {"meaning", d.meaning()},
                                {"causes", causes},
                                {"reference", d.reference},
                                {"where", where},
                                {"folded", folded}});
  }
  if (!result.recognized()) doc["guidance"] = J(std::vector<std::string>(std::begin(kTriage), std::end(kTriage)));
  return dump_json(doc, 2) + "\n";
}

}  // namespace od::diagnose
