#pragma once
#include <iosfwd>
#include <optional>
#include <string>

#include "core/expected.h"

namespace od {

// Why `path` cannot be read as an input file, or nullopt when it is a regular file (after
// symlinks). FIFOs, devices, sockets and directories are refused before anything opens them:
// opening a FIFO blocks until a writer comes, and a device such as /dev/zero never ends.
std::optional<Error> not_a_regular_file(const std::string& path);

// Reads a whole input file with the limits every command shares (regular files only, size cap,
// binary refusal).
Expected<std::string> read_text_file(const std::string& path, size_t max_bytes);

// Reads `in` to its end but never more than max_bytes + 1 bytes, so a caller can tell "too big"
// without holding an endless stream (standard input) in memory.
std::string read_capped(std::istream& in, size_t max_bytes);

}  // namespace od
