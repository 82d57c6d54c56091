// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// No end_session_endpoint: a note, it predicts no error.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    if (doc.contains("end_session_endpoint")) return;
    out.report(t.url->pos,
               "the discovery document has no end_session_endpoint: signing out of the platform leaves the "
               "IdP session open",
               {.client = owner(t), .key = "end-session", .predictions = false});
  });
}

}  // namespace
extern const Rule OD3012{"OD3012",
                         "end-session-missing",
                         Severity::Info,
                         "metadata-invalid",
                         "The IdP publishes no end_session_endpoint, so sign-out cannot end the IdP session",
                         "Expect sign-out to end only the platform session, or enable RP-initiated logout at the IdP.",
                         check};
}  // namespace od::rules
