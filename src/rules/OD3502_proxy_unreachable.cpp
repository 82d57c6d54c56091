// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: the proxy itself failed (unreachable, or refused the tunnel).
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery) {
      if (!d.response || d.response->failure != Failure::Proxy) continue;
      const Environment& env = pc.ctx.config.environments[d.env];
      out.report(env.proxy.address.pos.known() ? env.proxy.address.pos : env.pos,
                 fmt::format("environment `{}` cannot fetch {} through its proxy {}: {}", d.environment, t.url->value,
                             env.proxy.address.value, redact(d.response->error)),
                 {.environment = d.environment, .key = env.proxy.address.value});
    }
}

}  // namespace
extern const Rule OD3502{"OD3502",
                         "proxy-unreachable",
                         Severity::Error,
                         "proxy-inconsistent",
                         "An environment's proxy cannot be reached or refuses the connection",
                         "Fix the proxy address in the config and on the server, or make the proxy reachable.",
                         check};
}  // namespace od::rules
