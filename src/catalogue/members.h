// The members of the candidate search and the first pass, derived from the catalogue's patterns
// and their required literals (anchors.h). The same derivation runs at build time, where
// od-catalogue-gen compiles the members into a Hyperscan database, and at start-up (Matcher),
// so the prebuilt database is known to fit when their fingerprints agree.
#pragma once
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/first_pass.h"

namespace od::catalogue {

struct MemberPlan {
  std::vector<std::string_view> text;                  // literal prefixes, whole patterns ("(?i)..."), markers
  std::vector<char> regex;                             // per member: a whole pattern, matched as a regex
  std::vector<std::vector<int>> patterns;              // per member: the patterns it stands for; empty for markers
  std::vector<std::string_view> literals;              // the literal members, in order of first use
  std::vector<std::vector<std::string_view>> anchors;  // per pattern: its required literals, whole
};

// `regexes[i]` is pattern i, `literals[i]` its required literals (empty: none found). Texts
// that are neither in the inputs nor static are kept in `owned`, which must outlive the plan.
MemberPlan plan_members(const std::vector<std::string_view>& regexes,
                        const std::vector<std::vector<std::string_view>>& literals, std::deque<std::string>& owned);

// The same plan as od-catalogue-gen writes it into the binary (catalogue_first_pass.cpp), so
// start-up does not derive it again; the patterns' anchors are pattern_literals().
struct MemberTables {
  std::span<const std::string_view> text;
  std::span<const unsigned char> regex;
  std::span<const int> start;     // member m stands for patterns[start[m] .. start[m + 1])
  std::span<const int> patterns;  // pattern indexes
  std::span<const std::string_view> literals;
};
namespace generated {
MemberTables member_tables();  // empty spans when the build wrote none
}  // namespace generated

// The members as the first pass takes them.
std::vector<FirstPassMember> first_pass_members(const MemberPlan& plan);

}  // namespace od::catalogue
