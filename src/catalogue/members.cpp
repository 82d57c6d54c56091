#include "catalogue/members.h"

#include <unordered_map>

namespace od::catalogue {

namespace {

// Lower-cased markers of text the anchors cannot see until it is decoded.
constexpr std::string_view kMarkers[] = {
    "error=", "error_description", "errorcode", "errorsummary", "error_codes", "&#", "&quot;", "&apos;",
    "\\u00",  "failurereason"};

// Any part of a required literal is required too; a short prefix keeps the RE2::Set small (its
// compile time is most of the start-up of a large input) and the Hyperscan database too.
constexpr size_t kMaxAnchor = 16;

}  // namespace

MemberPlan plan_members(const std::vector<std::string_view>& regexes,
                        const std::vector<std::vector<std::string_view>>& literals, std::deque<std::string>& owned) {
  MemberPlan plan;
  plan.anchors.resize(regexes.size());
  std::unordered_map<std::string_view, int> member_of;
  member_of.reserve(2 * regexes.size());
  auto add_member = [&](std::string_view text, bool regex) -> int {
    auto [it, fresh] = member_of.emplace(text, static_cast<int>(plan.text.size()));
    if (fresh) {
      plan.text.push_back(text);
      plan.regex.push_back(regex ? 1 : 0);
      plan.patterns.emplace_back();
    }
    return it->second;
  };
  plan.text.reserve(2 * regexes.size());
  for (size_t i = 0; i < regexes.size(); ++i) {
    const auto& lits = i < literals.size() ? literals[i] : std::vector<std::string_view>{};
    if (lits.empty()) {
      // No literal to key on: the whole pattern is a member, case-folded like the text.
      int m = add_member(owned.emplace_back("(?i)" + std::string(regexes[i])), true);
      plan.patterns[m].push_back(static_cast<int>(i));
      continue;
    }
    // Literal members are shared when several patterns need the same literal.
    for (auto l : lits) {
      std::string_view key = l.substr(0, kMaxAnchor);
      int m = add_member(key, false);
      if (plan.patterns[m].empty()) plan.literals.push_back(key);
      plan.patterns[m].push_back(static_cast<int>(i));
      plan.anchors[i].push_back(l);
    }
  }
  for (auto marker : kMarkers) add_member(marker, false);
  return plan;
}

std::vector<FirstPassMember> first_pass_members(const MemberPlan& plan) {
  std::vector<FirstPassMember> out;
  out.reserve(plan.text.size());
  for (size_t m = 0; m < plan.text.size(); ++m) out.push_back({std::string(plan.text[m]), plan.regex[m] != 0});
  return out;
}

}  // namespace od::catalogue
