// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Required members, and the URL-valued ones absolute http(s) URLs.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    std::vector<std::string> missing, bad_url;
    for (const char* k : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"}) {
      const std::string* v = json_string_ptr(doc, k);
      if (!v)
        missing.push_back(k);
      else if (auto u = Uri::parse(*v); !u || !u->is_http() || !u->has_authority)
        bad_url.push_back(k);
    }
    for (const char* k :
         {"response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported"})
      if (!json_string_list(doc, k)) missing.push_back(k);
    if (missing.empty() && bad_url.empty()) return;
    std::vector<std::string> parts;
    if (!missing.empty()) parts.push_back("missing " + join(missing, ", "));
    if (!bad_url.empty()) parts.push_back("not an absolute http(s) URL: " + join(bad_url, ", "));
    out.report(t.url->pos, "the discovery document is incomplete: " + join(parts, "; "),
               {.client = owner(t), .key = join(missing, ",") + "|" + join(bad_url, ",")});
  });
}

}  // namespace
extern const Rule OD3006{
    "OD3006",
    "metadata-field-missing",
    Severity::Error,
    "metadata-invalid",
    "A required discovery field is missing or not a valid URL",
    "Fix the IdP's discovery document or use the IdP's own metadata URL; clients cannot sign in without these fields.",
    check};
}  // namespace od::rules
