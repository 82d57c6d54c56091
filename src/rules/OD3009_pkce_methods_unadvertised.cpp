// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// No PKCE methods advertised at all.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    if (json_string_list(doc, "code_challenge_methods_supported")) return;
    if (!providers::info(t.kind).advertises_pkce_methods) return;  // some support S256 silently
    out.report(t.url->pos,
               "the discovery document has no code_challenge_methods_supported, so S256 support cannot be "
               "confirmed",
               {.client = owner(t), .key = "pkce-unadvertised"});
  });
}

}  // namespace
extern const Rule OD3009{"OD3009",
                         "pkce-methods-unadvertised",
                         Severity::Warning,
                         "pkce",
                         "The IdP does not advertise which PKCE methods it supports",
                         "Check that the IdP supports PKCE with S256 for the desktop client; advertise "
                         "code_challenge_methods_supported if you can.",
                         check};
}  // namespace od::rules
