// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Grant types the clients need (an absent list means the defaults, authorization_code and implicit).
// A list is what the IdP chose to advertise, often partial (providers issue refresh tokens without
// listing refresh_token): a type it leaves out is "not advertised", a note, never proof of a refusal.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    auto grants = json_string_list(doc, "grant_types_supported");
    if (!grants) return;
    std::vector<std::string> need = {"authorization_code"};
    if (needs_refresh(pc, t)) need.push_back("refresh_token");
    for (auto& g : need)
      if (!contains(*grants, g))
        out.report(
            t.url->pos,
            fmt::format("grant type {} is not advertised: grant_types_supported is [{}]{}", g, join(*grants, ", "),
                        g == "refresh_token" ? "; the platform needs refresh tokens, so check the IdP grants them"
                                             : "; check the IdP allows it"),
            {.client = owner(t), .key = g, .predictions = false});
  });
}

}  // namespace
extern const Rule OD3010{
    "OD3010",
    "grant-type-unsupported",
    Severity::Info,
    "grant-type-not-allowed",
    "The discovery document does not advertise a grant type the platform needs",
    "Enable the authorization_code and, where refresh tokens are needed, refresh_token grants at the IdP.",
    check};
}  // namespace od::rules
