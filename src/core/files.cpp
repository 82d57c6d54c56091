#include "core/files.h"

#include <filesystem>
#include <fstream>

namespace od {

Expected<std::string> read_text_file(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Error{path, "no such file"};
  if (std::filesystem::is_directory(status)) return Error{path, "is a directory, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open for reading"};
  // Read in chunks up to one byte past the cap: sizes from stat lie for pipes and /proc files.
  std::string data;
  char chunk[64 * 1024];
  while (data.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    data.append(chunk, static_cast<size_t>(in.gcount()));
  if (data.size() > max_bytes)
    return Error{path, "file is larger than the " + std::to_string(max_bytes / 1024) + " KiB limit"};
  if (data.find('\0') != std::string::npos) return Error{path, "looks like a binary file, not text"};
  return data;
}

}  // namespace od
