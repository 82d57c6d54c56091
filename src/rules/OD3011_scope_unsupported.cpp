// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Scopes the clients need. scopes_supported may be partial (hard-coded lists without
// offline_access are common): a scope it leaves out is "not advertised", a note, not a refusal.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    auto scopes = json_string_list(doc, "scopes_supported");
    if (!scopes) return;
    std::vector<std::string> need = {"openid"};
    if (needs_refresh(pc, t))
      if (auto s = providers::refresh_scope(t.kind)) need.emplace_back(*s);
    for (auto& s : need)
      if (!contains(*scopes, s))
        out.report(
            t.url->pos,
            fmt::format(
                "scope {} is not advertised: scopes_supported does not list it{}", s,
                s == "openid" ? "" : "; most IdPs issue no refresh token without it, so check the IdP allows it"),
            {.client = owner(t), .key = s, .predictions = false});
  });
}

}  // namespace
extern const Rule OD3011{"OD3011",
                         "scope-unsupported",
                         Severity::Info,
                         "scope-invalid",
                         "The discovery document does not advertise a scope the platform requests",
                         "Enable the scope at the IdP (openid, and offline_access where refresh tokens are needed).",
                         check};
}  // namespace od::rules
