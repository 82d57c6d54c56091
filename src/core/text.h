#pragma once
#include <span>
#include <string>
#include <string_view>

namespace od {

size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance that scales with length, or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
// Appends code point `cp` (below 0x110000) to `out` as UTF-8; decoders of \u escapes use it.
void append_utf8(std::string& out, unsigned cp);
std::string join(std::span<const std::string> parts, std::string_view sep);

}  // namespace od
