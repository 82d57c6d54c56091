#include "rules/common.h"

#include <cctype>
#include <optional>
#include <unordered_set>

namespace od::rules {

std::vector<UriCheck> compare_uris(const std::vector<ExpectedUri>& expected, const LList& registered) {
  // Exact matches by hash; registered URIs are parsed once, and only for near-miss searches.
  std::unordered_set<std::string_view> exact;
  for (auto& r : registered.items) exact.insert(r.value);
  std::optional<std::vector<std::optional<Uri>>> parsed;
  std::vector<UriCheck> out;
  out.reserve(expected.size());
  for (auto& e : expected) {
    UriCheck c{e, exact.count(e.uri) ? UriCheck::State::Registered : UriCheck::State::Missing};
    if (c.state == UriCheck::State::Missing && registered.trailing_wildcards)
      for (auto& r : registered.items)
        if (providers::trailing_wildcard_matches(r.value, e.uri)) c.state = UriCheck::State::Registered;
    if (c.state == UriCheck::State::Missing) {
      if (!parsed) {
        parsed.emplace();
        for (auto& r : registered.items) parsed->push_back(Uri::parse(r.value));
      }
      if (auto eu = Uri::parse(e.uri)) {
        for (size_t i = 0; i < registered.items.size(); ++i) {
          if (!(*parsed)[i]) continue;
          if (auto d = near_miss(*eu, *(*parsed)[i])) {
            c.state = UriCheck::State::NearMiss;
            c.near = &registered.items[i];
            c.diffs = *d;
            break;
          }
        }
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

void for_each_metadata_url(const Config& cfg, const std::function<void(const LStr&, const Client&)>& f) {
  std::set<std::pair<int, int>> seen;
  for (auto& c : cfg.clients) {
    if (!c.metadata_url) continue;
    if (!seen.insert({c.metadata_url->pos.line, c.metadata_url->pos.column}).second) continue;
    f(*c.metadata_url, c);
  }
}

std::string where_env(const std::string& env) { return env.empty() ? "" : "environment `" + env + "`: "; }

std::string days_phrase(int days) {
  if (days == 0) return "today";
  if (days == 1) return "tomorrow";
  if (days == -1) return "yesterday";
  return days > 0 ? fmt::format("in {} days", days) : fmt::format("{} days ago", -days);
}

}  // namespace od::rules
