#include "rules/common.h"

namespace od::rules {
namespace {
std::set<std::string> bypass_set(const Proxy& p) {
  std::set<std::string> s;
  if (p.bypass)
    for (auto& b : p.bypass->items) s.insert(to_lower(b.value));
  return s;
}
std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return to_lower(s);
}

void check(const Context& ctx, Sink& out) {
  const Environment* ref = nullptr;
  for (auto& env : ctx.config.environments) {
    if (env.proxy.state != Proxy::State::Set) continue;
    if (!ref) {
      ref = &env;
      continue;
    }
    std::vector<std::string> diffs;
    if (trimmed(env.proxy.address.value) != trimmed(ref->proxy.address.value))
      diffs.push_back(fmt::format("address {} instead of {}", env.proxy.address.value, ref->proxy.address.value));
    if (bypass_set(env.proxy) != bypass_set(ref->proxy)) diffs.push_back("a different bypass list");
    // machine.config: whether intranet names (no dot) skip the proxy.
    auto local = [](const Proxy& p) { return p.bypass_on_local && p.bypass_on_local->value; };
    if (local(env.proxy) != local(ref->proxy))
      diffs.push_back(fmt::format("bypassonlocal {} instead of {}", local(env.proxy), local(ref->proxy)));
    if (diffs.empty()) continue;
    out.report(env.proxy.key,
               fmt::format("environment `{}` uses {} than `{}`; environments that reach the IdP differently can "
                           "fail activation or token exchange on their own",
                           env.name.value, fmt::join(diffs, " and "), ref->name.value),
               {.environment = env.name.value,
                .fix = "Align the proxy address and bypass list on every environment, unless the difference is "
                       "deliberate and each path reaches the IdP."});
  }
}
}  // namespace
extern const Rule OD2102{"OD2102",
                         "proxy-mismatch",
                         Severity::Warning,
                         "proxy-inconsistent",
                         "Environments use different proxy addresses or bypass lists",
                         "Align proxy settings across environments.",
                         check};
}  // namespace od::rules
