// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// PKCE methods are advertised, but not S256.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    auto methods = json_string_list(doc, "code_challenge_methods_supported");
    if (!methods || contains(*methods, "S256")) return;
    out.report(t.url->pos,
               "code_challenge_methods_supported is [" + join(*methods, ", ") +
                   "], without S256; PKCE sign-ins with S256 (desktop tools, public clients) will be refused",
               {.client = owner(t), .key = "s256"});
  });
}

}  // namespace
extern const Rule OD3008{"OD3008",
                         "pkce-s256-missing",
                         Severity::Error,
                         "pkce",
                         "The IdP advertises PKCE methods without S256",
                         "Enable PKCE with the S256 method at the IdP; desktop tools and public clients require it.",
                         check};
}  // namespace od::rules
