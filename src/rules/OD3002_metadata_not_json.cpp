// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

#include "core/text.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: a 200 answer whose body is not a JSON object.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery) {
      if (!d.response || !d.response->ok() || d.response->status != 200 || d.document) continue;
      std::string start = clip(d.response->body, 40, "");
      for (char& ch : start)
        if (ch == '\n' || ch == '\r') ch = ' ';
      out.report(t.url->pos,
                 fmt::format("environment `{}`: {} is not a JSON object (it starts with `{}`)", d.environment,
                             t.url->value, redact(start)),
                 {.environment = d.environment, .client = owner(t)});
    }
}

}  // namespace
extern const Rule OD3002{
    "OD3002",
    "metadata-not-json",
    Severity::Error,
    "metadata-invalid",
    "The discovery document is not a JSON object",
    "Point metadata_url at the IdP's /.well-known/openid-configuration document itself, not at a login or error page.",
    check};
}  // namespace od::rules
