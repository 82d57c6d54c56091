// One place decides about colour: --color, NO_COLOR, FORCE_COLOR/CLICOLOR_FORCE, TTY and TERM.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace od {

enum class ColorMode { Auto, Always, Never };

bool should_color(ColorMode mode, std::FILE* stream);

struct Style {
  bool on = false;
  std::string paint(std::string_view text, std::string_view sgr) const;
  std::string bold(std::string_view t) const { return paint(t, "1"); }
  std::string dim(std::string_view t) const { return paint(t, "2"); }
  std::string red(std::string_view t) const { return paint(t, "1;31"); }
  std::string yellow(std::string_view t) const { return paint(t, "33"); }
  std::string blue(std::string_view t) const { return paint(t, "36"); }
};

}  // namespace od
