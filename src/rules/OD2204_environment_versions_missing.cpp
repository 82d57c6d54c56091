#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  if (ctx.platform.minimum_versions().empty()) return;
  for (auto& env : ctx.config.environments)
    if (!env.has_versions)
      out.report(env.pos,
                 fmt::format("environment `{}` declares no `versions`, so its prerequisites cannot be checked",
                             env.name.value),
                 {.environment = env.name.value,
                  .fix = "Add `versions: { platform_server: X }` (and `lifetime:` on the LifeTime environment)."});
}
}  // namespace
extern const Rule OD2204{"OD2204",
                         "environment-versions-missing",
                         Severity::Info,
                         "prerequisites-outdated",
                         "An environment without declared versions: prerequisites unchecked",
                         "Declare the installed versions.",
                         check};
}  // namespace od::rules
