#include "core/files.h"

#include <filesystem>
#include <fstream>
#include <istream>

namespace od {

std::optional<Error> not_a_regular_file(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    // A dangling symlink or a symlink loop is "no such file" as well.
    return Error{path, "no such file"};
  }
  if (std::filesystem::is_directory(status)) return Error{path, "is a directory, not a file"};
  if (std::filesystem::is_fifo(status)) return Error{path, "is a named pipe (FIFO), not a regular file"};
  if (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status))
    return Error{path, "is a device, not a regular file"};
  if (!std::filesystem::is_regular_file(status)) return Error{path, "is not a regular file"};
  return std::nullopt;
}

std::string read_capped(std::istream& in, size_t max_bytes) {
  std::string data;
  char chunk[64 * 1024];
  while (data.size() <= max_bytes) {
    size_t want = std::min(sizeof chunk, max_bytes + 1 - data.size());
    in.read(chunk, static_cast<std::streamsize>(want));
    if (in.gcount() <= 0) break;
    data.append(chunk, static_cast<size_t>(in.gcount()));
  }
  return data;
}

Expected<std::string> read_text_file(const std::string& path, size_t max_bytes) {
  if (auto e = not_a_regular_file(path)) return *e;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open for reading"};
  // Read up to one byte past the cap: sizes from stat lie for /proc files.
  std::string data = read_capped(in, max_bytes);
  if (data.size() > max_bytes)
    return Error{path, "file is larger than the " + std::to_string(max_bytes / 1024) + " KiB limit"};
  if (data.find('\0') != std::string::npos) return Error{path, "looks like a binary file, not text"};
  return data;
}

}  // namespace od
