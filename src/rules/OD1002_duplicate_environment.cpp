#include "rules/common.h"

#include <map>

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  std::map<std::string, std::string> names, origins;  // lower-cased key -> first name
  for (auto& env : ctx.config.environments) {
    auto name = to_lower(env.name.value);
    if (auto it = names.find(name); it != names.end()) {
      out.report(
          env.name.pos, fmt::format("two environments are named `{}`", env.name.value),
          {.environment = env.name.value, .fix = "Give every environment a unique name.", .key = "name:" + name});
      continue;
    }
    names[name] = env.name.value;
    auto u = Uri::parse(env.url.value);
    if (!u || !u->has_authority) continue;
    auto origin = to_lower(u->origin());
    if (auto it = origins.find(origin); it != origins.end()) {
      out.report(env.url.pos,
                 fmt::format("environments `{}` and `{}` have the same address {}", it->second, env.name.value, origin),
                 {.environment = env.name.value,
                  .fix = "List each environment once, with its own URL.",
                  .key = "url:" + origin});
      continue;
    }
    origins[origin] = env.name.value;
  }
}
}  // namespace
extern const Rule OD1002{"OD1002",
                         "duplicate-environment",
                         Severity::Error,
                         "config-invalid",
                         "Two environments share a name or a URL",
                         "List each environment once.",
                         check};
}  // namespace od::rules
