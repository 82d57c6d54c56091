#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& req : ctx.platform.minimum_versions()) {
    if (req.where != MinimumVersion::Where::Tool) continue;
    auto it = ctx.config.tools.find(std::string(req.key));
    if (it == ctx.config.tools.end()) continue;
    auto v = Version::parse(it->second.value);
    if (!v || !(*v < *Version::parse(req.minimum))) continue;
    out.report(it->second.pos,
               fmt::format("{} {} is below {}, the first version that signs in through the IdP", req.label,
                           it->second.value, req.minimum),
               {.fix = fmt::format("Install {} {} or later.", req.label, req.minimum), .key = std::string(req.key)});
  }
}
}  // namespace
extern const Rule OD2202{"OD2202",
                         "tool-version-outdated",
                         Severity::Error,
                         "prerequisites-outdated",
                         "A development tool older than the IdP feature requires",
                         "Upgrade the tool.",
                         check};
}  // namespace od::rules
