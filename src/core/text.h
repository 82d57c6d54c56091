#pragma once
#include <span>
#include <string>
#include <string_view>

namespace od {

size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance that scales with length, or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string join(std::span<const std::string> parts, std::string_view sep);

}  // namespace od
