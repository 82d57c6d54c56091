// Where the project lives; the one place to change when it moves.
#pragma once
#include <string_view>

namespace od {
inline constexpr std::string_view kHomepage = "https://github.com/oidc-doctor/oidc-doctor";
inline constexpr std::string_view kRuleDocBase = "https://github.com/oidc-doctor/oidc-doctor/blob/main/rules/";
}  // namespace od
