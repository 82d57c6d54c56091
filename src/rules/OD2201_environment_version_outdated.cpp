#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  using W = MinimumVersion::Where;
  for (auto& req : ctx.platform.minimum_versions()) {
    if (req.where == W::Tool) continue;
    auto min = *Version::parse(req.minimum);
    for (auto& env : ctx.config.environments) {
      if (req.where == W::LifetimeEnvironment && !env.is_lifetime()) continue;
      auto it = env.versions.find(std::string(req.key));
      if (it == env.versions.end()) continue;
      auto v = Version::parse(it->second.value);
      if (!v || !(*v < min)) continue;
      out.report(it->second.pos,
                 fmt::format("environment `{}` runs {} {}, below the {} that IdP sign-in requires on every "
                             "environment",
                             env.name.value, req.label, it->second.value, req.minimum),
                 {.environment = env.name.value,
                  .fix = fmt::format("Upgrade {} on `{}` to {} or later before activating.", req.label, env.name.value,
                                     req.minimum),
                  .key = std::string(req.key)});
    }
  }
}
}  // namespace
extern const Rule OD2201{"OD2201",
                         "environment-version-outdated",
                         Severity::Error,
                         "prerequisites-outdated",
                         "An environment runs a component older than the IdP feature requires",
                         "Upgrade the component on that environment.",
                         check};
}  // namespace od::rules
