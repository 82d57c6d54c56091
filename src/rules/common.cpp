#include "rules/common.h"

#include <cctype>

namespace od::rules {

std::vector<UriCheck> compare_uris(const std::vector<ExpectedUri>& expected, const LList& registered) {
  std::vector<UriCheck> out;
  for (auto& e : expected) {
    UriCheck c{e, UriCheck::State::Missing};
    for (auto& r : registered.items)
      if (r.value == e.uri) c.state = UriCheck::State::Registered;
    if (c.state == UriCheck::State::Missing) {
      auto eu = Uri::parse(e.uri);
      for (auto& r : registered.items) {
        auto ru = Uri::parse(r.value);
        if (!eu || !ru) continue;
        if (auto d = near_miss(*eu, *ru)) {
          c.state = UriCheck::State::NearMiss;
          c.near = &r;
          c.diffs = *d;
          break;
        }
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool looks_like_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string_view username_form(std::string_view v) {
  if (looks_like_guid(v)) return "GUID";
  if (v.find('\\') != std::string_view::npos) return "DOMAIN\\name";
  auto at = v.find('@');
  if (at != std::string_view::npos && at > 0 && v.find('.', at) != std::string_view::npos) return "email";
  return "plain name";
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
