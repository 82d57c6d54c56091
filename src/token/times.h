// Token times as people read them: a UTC timestamp, a distance from now, and the --now instant.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace od::token {

// The earliest and latest instants a token time may name: 0001-01-01 and 9999-12-31 23:59:59 UTC.
constexpr long long kMinNumericDate = -62135596800LL;
constexpr long long kMaxNumericDate = 253402300799LL;
// A JSON number read as an RFC 7519 NumericDate (seconds, fractions dropped), or nullopt when it
// is not finite or names no instant within years 1-9999 (1e300, 2^63-1): such a claim is invalid,
// never converted (the conversion would overflow).
std::optional<long long> numeric_date(double seconds);
// "2026-11-22 10:00:00 UTC"; "out of range" outside years 1-9999.
std::string utc(long long t);
// "45 minutes", "3 hours", "2 days" (the sign is dropped).
std::string duration(long long seconds);
// "in 45 minutes" / "3 hours ago" / "now".
std::string relative(long long t, long long now);
// --now: 2026-11-22T10:00:00Z, with an optional offset or fraction, or a bare date.
std::optional<long long> parse_instant(std::string_view text);

}  // namespace od::token
