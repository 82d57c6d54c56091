// Named values: request parameters next to an error, or what a catalogue extractor pulled out
// of a message (name, value), in the order they were found.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace od::catalogue {

using Params = std::vector<std::pair<std::string, std::string>>;

}  // namespace od::catalogue
