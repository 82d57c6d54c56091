#include <unistd.h>

#include <iostream>
#include <memory>

#include "catalogue/matcher.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/date.h"
#include "core/terminal.h"

namespace od::cli {

namespace {

struct DiagnoseOptions {
  std::string text;
  std::string file;
  std::string format = "text";
  std::string config;
  std::string platform;
  std::string color = "auto";
  std::string today;
  bool print_anchors = false;
};

// ERE spelling of a literal, for `grep -E -i -f` in bench/diagnose.sh.
std::string ere_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".[]()*+?{}|^$\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

int run_diagnose(const DiagnoseOptions& o) {
  if (o.print_anchors) {
    for (auto& a : catalogue::Matcher::get().anchors()) std::cout << ere_escape(a) << "\n";
    return kOk;
  }
  if (!o.text.empty() && o.text != "-" && !o.file.empty())
    return report_error({"diagnose", "give the text or --file, not both"});
  app::DiagnoseOptions run{
      .text = o.text, .file = o.file, .format = o.format, .config = o.config, .platform = o.platform};
  if (o.file.empty() && (o.text.empty() || o.text == "-")) {
    if (o.text.empty() && isatty(STDIN_FILENO))
      return report_error({"diagnose", "nothing to diagnose: pass the error text, `-` for stdin, or --file PATH"});
    std::ios::sync_with_stdio(false);
    run.input = &std::cin;
  }
  ColorMode mode = o.color == "always" ? ColorMode::Always : o.color == "never" ? ColorMode::Never : ColorMode::Auto;
  run.color = should_color(mode, stdout);
  if (!o.today.empty()) {
    auto d = Date::parse(o.today);
    if (!d) return report_error({"--today", "expects a date as YYYY-MM-DD, got " + o.today});
    run.today = *d;
  }
  return emit(app::diagnose(run));
}

}  // namespace

void setup_diagnose(CLI::App& sub, Action& action) {
  auto o = std::make_shared<DiagnoseOptions>();
  sub.add_option("text", o->text, "The error text; `-` or nothing reads stdin");
  sub.add_option("--file", o->file, "Read a file: a log of any size, a HAR export, a saved page or body");
  sub.add_option("--format", o->format, "Output format: text, json, or html (the sign-in flow with the error's hop)")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  sub.add_option("--config", o->config, "Config file: point at the environment, client and value to change");
  sub.add_option("--platform", o->platform, "The platform in use, when no --config is given")
      ->check(CLI::IsMember({"outsystems", "posit-connect", "generic"}));
  sub.add_option("--color", o->color, "Colour text output: auto honours NO_COLOR, FORCE_COLOR and the terminal")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub.add_option("--today", o->today, "Pretend today is YYYY-MM-DD (secret expiry in --config correlation)");
  // Not for users: the first-pass literals, so the bench can time grep on the same anchors.
  sub.add_flag("--print-anchors", o->print_anchors, "")->group("");
  sub.footer(
      "Exit codes: 0 an error was recognised, 1 nothing was recognised (triage guidance is printed), 2 bad input.");
  action = [o] { return run_diagnose(*o); };
}

}  // namespace od::cli
