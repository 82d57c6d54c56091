#include "core/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace od {

bool should_color(ColorMode mode, std::FILE* stream) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v && std::string_view(v) != "0";
  };
  if (std::getenv("NO_COLOR") && *std::getenv("NO_COLOR")) return false;
  if (set("FORCE_COLOR") || set("CLICOLOR_FORCE")) return true;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream));
}

std::string Style::paint(std::string_view text, std::string_view sgr) const {
  if (!on) return std::string(text);
  return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
}

}  // namespace od
