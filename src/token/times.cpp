#include "token/times.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "core/date.h"

namespace od::token {

std::string duration(long long seconds) {
  seconds = std::llabs(seconds);
  if (seconds < 90) return fmt::format("{} seconds", seconds);
  if (seconds < 90 * 60) return fmt::format("{} minutes", (seconds + 30) / 60);
  if (seconds < 36 * 3600) return fmt::format("{} hours", (seconds + 1800) / 3600);
  return fmt::format("{} days", (seconds + 43200) / 86400);
}

std::optional<long long> numeric_date(double seconds) {
  if (!std::isfinite(seconds)) return std::nullopt;
  double whole = std::floor(seconds);
  if (whole < static_cast<double>(kMinNumericDate) || whole > static_cast<double>(kMaxNumericDate)) return std::nullopt;
  return static_cast<long long>(whole);
}

std::string utc(long long t) {
  using namespace std::chrono;
  if (t < kMinNumericDate || t > kMaxNumericDate) return "out of range";
  sys_seconds tp{seconds{t}};
  auto day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss hms{tp - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string relative(long long t, long long now) {
  if (t < kMinNumericDate || t > kMaxNumericDate || now < kMinNumericDate || now > kMaxNumericDate)
    return "out of range";
  if (t == now) return "now";
  return t > now ? "in " + duration(t - now) : duration(now - t) + " ago";
}

std::optional<long long> parse_instant(std::string_view s) {
  auto d = Date::parse(s.substr(0, 10));
  if (!d) return std::nullopt;
  long long t = static_cast<long long>(d->days) * 86400;
  if (s.size() == 10) return t;
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto two = [&](size_t at) -> int {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
  };
  int h = two(11), m = two(14), sec = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return std::nullopt;
  t += h * 3600 + m * 60 + sec;
  size_t i = 19;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9';) ++i;
  std::string_view zone = s.substr(i);
  if (zone.empty() || zone == "Z") return t;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh = two(i + 1), zm = two(i + 4);
    if (zh < 0 || zm < 0) return std::nullopt;
    long long off = zh * 3600 + zm * 60;
    return zone[0] == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

}  // namespace od::token
