#include "catalogue/predict.h"

#include <algorithm>

#include "catalogue/catalogue.h"

namespace od::catalogue {

std::string fill(std::string_view wording, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < wording.size(); ++i) {
    size_t close = wording[i] == '{' ? wording.find('}', i) : std::string_view::npos;
    std::string_view name = close == std::string_view::npos ? "" : wording.substr(i + 1, close - i - 1);
    // Only {lower_case_name} is a placeholder.
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

namespace {

// The entries of one catalogue file for the finding. Only entries that link the rule count when
// the file links it at all: the file's `predicts:` entry for the rule's category when it is one of
// them (the wording users meet first), else the same-condition links, else the causes. A file
// that links nothing to the rule speaks through its `predicts:` entry alone.
std::vector<const Entry*> entries_for(std::string_view file, std::string_view rule_id, std::string_view category) {
  std::vector<const Entry*> same, causes;
  for (auto& link : linked(rule_id))
    if (link.entry->provider == file) (link.same ? same : causes).push_back(link.entry);
  auto preferred = predicted(file, category);
  if (same.empty() && causes.empty()) return preferred;
  std::vector<const Entry*> out;
  for (auto* e : preferred)
    if (std::find(same.begin(), same.end(), e) != same.end() ||
        std::find(causes.begin(), causes.end(), e) != causes.end())
      out.push_back(e);
  if (!out.empty()) return out;
  return same.empty() ? causes : same;
}

}  // namespace

std::vector<std::string> predict(std::string_view platform, std::string_view provider, std::string_view rule_id,
                                 std::string_view category, const std::map<std::string, std::string>& values) {
  std::vector<const Entry*> hits;
  for (auto who : {platform, provider})
    for (auto* e : entries_for(who, rule_id, category))
      if (std::find(hits.begin(), hits.end(), e) == hits.end()) hits.push_back(e);
  std::vector<std::string> out;
  for (auto* e : hits) {
    bool own_code = e->code.find(':') == std::string_view::npos;
    std::string text = own_code ? std::string(e->code) : std::string(display_name(e->provider));
    if (!e->wording.empty()) text += ": " + fill(e->wording, values);
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
  }
  return out;
}

}  // namespace od::catalogue
