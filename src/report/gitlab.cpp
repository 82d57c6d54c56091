// GitLab Code Quality report (a JSON array), shown in merge requests.
#include <nlohmann/json.hpp>

#include "core/json.h"
#include "report/outputs.h"

namespace od {

std::string render_gitlab(const ReportContext& ctx) {
  auto out = nlohmann::ordered_json::array();
  for (auto& f : ctx.findings) {
    if (f.suppression) continue;
    const char* severity = f.severity == Severity::Error     ? "critical"
                           : f.severity == Severity::Warning ? "major"
                                                             : "info";
    out.push_back(
        {{"description", std::string(f.rule->id) + " " + f.message},
         {"check_name", std::string(f.rule->id) + " " + std::string(f.rule->name)},
         {"fingerprint", fingerprint(f)},
         {"severity", severity},
         {"location", {{"path", f.location.file}, {"lines", {{"begin", std::max(1, f.location.pos.line)}}}}}});
  }
  return dump_json(out, 2) + "\n";
}

}  // namespace od
