// GitHub Actions workflow commands: one annotation per counted finding, on the config line.
#include <fmt/format.h>

#include "report/outputs.h"

namespace od {

namespace {
// Workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
std::string esc_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}
std::string esc_prop(std::string_view s) {
  std::string out;
  for (char c : esc_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}
}  // namespace

std::string render_github(const ReportContext& ctx) {
  std::string out;
  for (auto& f : ctx.findings) {
    if (f.suppression) continue;
    const char* cmd = f.severity == Severity::Error ? "error" : f.severity == Severity::Warning ? "warning" : "notice";
    std::string msg = f.message + "\nFix: " + f.fix;
    if (!f.predicted_errors.empty()) msg += "\nUsers would see: " + f.predicted_errors.front();
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", cmd, esc_prop(f.location.file),
                       std::max(1, f.location.pos.line), std::max(1, f.location.pos.column),
                       esc_prop(std::string(f.rule->id) + " " + std::string(f.rule->name)), esc_data(msg));
  }
  return out;
}

}  // namespace od
