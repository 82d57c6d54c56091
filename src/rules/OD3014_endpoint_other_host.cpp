// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

std::string host_of(std::string_view url) {
  auto u = Uri::parse(url);
  return u ? to_lower(u->host) : "";
}

// Endpoints on another host are legal; the environments just have to reach them too. Against
// the configured URL's host: a wrong issuer is OD3005's business, not a host list.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    std::string base = host_of(t.url->value);
    std::vector<std::string> elsewhere;
    for (const char* k : kEndpointFields)
      if (const std::string* v = json_string_ptr(doc, k)) {
        std::string h = host_of(*v);
        if (!h.empty() && !base.empty() && h != base) elsewhere.push_back(std::string(k) + " on " + h);
      }
    if (elsewhere.empty()) return;
    out.report(t.url->pos,
               "endpoints on other hosts than the metadata URL's " + base + ": " + join(elsewhere, ", ") +
                   "; every environment must be able to reach them",
               {.client = owner(t), .key = "other-host", .predictions = false});
  });
}

}  // namespace
extern const Rule OD3014{
    "OD3014",
    "endpoint-other-host",
    Severity::Info,
    "metadata-invalid",
    "Some endpoints live on another host than the issuer",
    "Nothing to fix if this is how the IdP works; make sure every environment can reach those hosts too.",
    check};
}  // namespace od::rules
