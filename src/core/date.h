#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace od {

// A calendar date, stored as days since 1970-01-01 so comparisons and differences are plain ints.
struct Date {
  int days = 0;
  static std::optional<Date> parse(std::string_view yyyy_mm_dd);
  static Date today_utc();
  std::string str() const;
  auto operator<=>(const Date&) const = default;
};

}  // namespace od
