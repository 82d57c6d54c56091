// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

constexpr std::string_view kDiscoverySuffix = "/.well-known/openid-configuration";

// How two issuer strings differ, in words, for the common cases.
std::string issuer_difference(const std::string& said, const std::string& expected) {
  if (said + "/" == expected) return " (the document's issuer lacks the trailing slash)";
  if (expected + "/" == said) return " (the document's issuer has an extra trailing slash)";
  if (iequals(said, expected)) return " (they differ only in letter case)";
  auto a = Uri::parse(said), b = Uri::parse(expected);
  if (a && b && a->scheme != b->scheme) return " (" + a->scheme + " instead of " + b->scheme + ")";
  if (a && b && !iequals(a->host, b->host)) return " (host " + a->host + " instead of " + b->host + ")";
  return "";
}

// The issuer, character for character (OpenID Connect Discovery 4.3), against the one the
// metadata URL implies.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    const std::string expected = probes::expected_issuer(t.url->value);
    const std::string* issuer = json_string_ptr(doc, "issuer");
    // Discovery drops an issuer's terminating slash before appending the well-known path, so the
    // URL cannot tell "X" from "X/": both are exact (Auth0's issuer ends with a slash).
    if (!issuer || expected.empty() || *issuer == expected || *issuer == expected + "/") return;
    // A shared tenant's discovery advertises a templated issuer; some providers name the tenant
    // by id in the issuer and by domain in the URL. Both are by design (providers/ knows which).
    if (providers::is_shared_tenant_url(t.kind, expected) || providers::is_tenant_alias(t.kind, *issuer, expected))
      return;
    out.report(t.url->pos,
               fmt::format("the discovery document says issuer `{}`, but {} implies `{}`{}; clients that "
                           "validate the issuer refuse every token",
                           *issuer, t.url->value, expected, issuer_difference(*issuer, expected)),
               {.client = owner(t),
                .fix = fmt::format("Set metadata_url to {}{} if that is the IdP's real issuer, or correct the "
                                   "issuer the IdP advertises.",
                                   *issuer, kDiscoverySuffix),
                .key = "issuer"});
  });
}

}  // namespace
extern const Rule OD3005{
    "OD3005",
    "discovery-issuer-mismatch",
    Severity::Error,
    "issuer-mismatch",
    "The issuer in the discovery document differs from the metadata URL's issuer",
    "Use the metadata URL built from the exact issuer the IdP advertises (scheme, host, path, trailing slash).",
    check};
}  // namespace od::rules
