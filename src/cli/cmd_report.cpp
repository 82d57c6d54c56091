// `report`: options into app::render_saved (src/app/render.cpp), which draws the page.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"

namespace od::cli {

void setup_report(CLI::App& sub, Action& action) {
  auto o = std::make_shared<app::RenderOptions>();
  sub.add_option("result", o->input, "A saved JSON result of lint, preflight or diagnose (--format json); - for stdin")
      ->required();
  sub.add_option("--format", o->formats, "Report format: html; html=PATH writes to a file")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false)
      ->check(
          [](const std::string& v) -> std::string {
            auto f = v.substr(0, v.find('='));
            return f == "html" ? "" : "unknown format `" + f + "`; `report` writes html";
          },
          "html[=PATH]");
  sub.footer("Exit codes: 0 the page was written, 2 the result cannot be read.");
  action = [o] {
    o->stdin_ = &std::cin;
    return emit(app::render_saved(*o));
  };
}

}  // namespace od::cli
