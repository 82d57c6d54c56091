// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Scopes the clients need (the list may be partial, hence a warning).
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    auto scopes = json_string_list(doc, "scopes_supported");
    if (!scopes) return;
    std::vector<std::string> need = {"openid"};
    if (needs_refresh(pc, t))
      if (auto s = providers::refresh_scope(t.kind)) need.emplace_back(*s);
    for (auto& s : need)
      if (!contains(*scopes, s))
        out.report(t.url->pos,
                   fmt::format("scopes_supported does not list {}{}", s,
                               s == "openid" ? "" : "; without it no refresh token is issued"),
                   {.client = owner(t), .key = s});
  });
}

}  // namespace
extern const Rule OD3011{"OD3011",
                         "scope-unsupported",
                         Severity::Warning,
                         "scope-invalid",
                         "The IdP does not list a scope the platform requests",
                         "Enable the scope at the IdP (openid, and offline_access where refresh tokens are needed).",
                         check};
}  // namespace od::rules
