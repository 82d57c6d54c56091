// Token times as people read them: a UTC timestamp, a distance from now, and the --now instant.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace od::token {

// "2026-11-22 10:00:00 UTC".
std::string utc(long long t);
// "45 minutes", "3 hours", "2 days" (the sign is dropped).
std::string duration(long long seconds);
// "in 45 minutes" / "3 hours ago" / "now".
std::string relative(long long t, long long now);
// --now: 2026-11-22T10:00:00Z, with an optional offset or fraction, or a bare date.
std::optional<long long> parse_instant(std::string_view text);

}  // namespace od::token
