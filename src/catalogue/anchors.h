// Required literals of an RE2 pattern. The first pass over the input looks only for these
// literals (lower-cased), so it never has to run a catalogue regex on a line that cannot match.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace od::catalogue {

// Strings of which every match of `pattern` contains at least one (ASCII lower-cased),
// each at least `min_length` bytes long. Empty when no such set can be derived safely; the
// caller must then treat the pattern as always possible.
std::vector<std::string> required_literals(std::string_view pattern, size_t min_length = 3);

// ASCII lower-casing; the anchors and the text they are searched in use the same folding.
void ascii_lower(std::string_view in, std::string& out);

}  // namespace od::catalogue
