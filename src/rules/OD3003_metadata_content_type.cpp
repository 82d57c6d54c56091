// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Per environment: a 200 answer served without a JSON content type.
void check(const ProbeContext& pc, Sink& out) {
  for (auto& t : pc.facts.targets)
    for (auto& d : t.discovery) {
      if (!d.response || !d.response->ok() || d.response->status != 200) continue;
      std::string ct = d.response->header("content-type");
      if (probes::is_json_content_type(ct)) continue;
      out.report(t.url->pos,
                 fmt::format("environment `{}`: {} is served as `{}` instead of application/json", d.environment,
                             t.url->value, ct.empty() ? "(no content type)" : ct),
                 {.environment = d.environment, .client = owner(t)});
    }
}

}  // namespace
extern const Rule OD3003{"OD3003",
                         "metadata-content-type",
                         Severity::Warning,
                         "metadata-invalid",
                         "The discovery document is served without a JSON content type",
                         "Have the IdP (or the proxy in front of it) serve the document as application/json.",
                         check};
}  // namespace od::rules
