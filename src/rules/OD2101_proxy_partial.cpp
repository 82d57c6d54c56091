#include "rules/common.h"

#include "core/text.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  std::vector<std::string> with;
  for (auto& env : ctx.config.environments)
    if (env.proxy.state == Proxy::State::Set) with.push_back(env.name.value);
  if (with.empty() || with.size() == ctx.config.environments.size()) return;
  for (auto& env : ctx.config.environments) {
    if (env.proxy.state == Proxy::State::Set) continue;
    // machine.config can also leave the choice to the Windows settings, which no file shows.
    std::string_view how = env.proxy.state == Proxy::State::System
                               ? "takes the Windows proxy settings (machine.config sets no proxyaddress)"
                               : "has no proxy";
    out.report(env.pos,
               fmt::format("environment `{}` {} while {} use one: activating the IdP fails on the "
                           "environments without the proxy setting",
                           env.name.value, how, join(with, ", ")),
               {.environment = env.name.value,
                .fix = "Give every environment the same proxy settings (machine.config defaultProxy on each "
                       "server), then activate again."});
  }
}
}  // namespace
extern const Rule OD2101{"OD2101",
                         "proxy-partial",
                         Severity::Error,
                         "proxy-inconsistent",
                         "Some environments reach the IdP through a proxy and others do not",
                         "Use the same proxy settings on every environment.",
                         check};
}  // namespace od::rules
