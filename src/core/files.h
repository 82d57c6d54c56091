#pragma once
#include <string>

#include "core/expected.h"

namespace od {

// Reads a whole input file with the limits every command shares (size cap, binary refusal).
Expected<std::string> read_text_file(const std::string& path, size_t max_bytes);

}  // namespace od
