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

// Entra names a tenant by domain in the URL but by id in the issuer; that is by design.
bool entra_tenant_alias(const std::string& said, const std::string& expected) {
  auto a = Uri::parse(said), b = Uri::parse(expected);
  if (!a || !b || !iequals(a->host, b->host)) return false;
  auto seg = [](const std::string& path) {
    std::vector<std::string> parts;
    size_t i = 1;
    while (i <= path.size()) {
      size_t j = path.find('/', i);
      parts.push_back(path.substr(i, j == std::string::npos ? std::string::npos : j - i));
      if (j == std::string::npos) break;
      i = j + 1;
    }
    return parts;
  };
  auto pa = seg(a->path), pb = seg(b->path);
  if (pa.empty() || pa.size() != pb.size()) return false;
  for (size_t i = 1; i < pa.size(); ++i)
    if (pa[i] != pb[i]) return false;
  return looks_like_guid(pa[0]) && !looks_like_guid(pb[0]);
}

// The issuer, character for character (OpenID Connect Discovery 4.3), against the one the
// metadata URL implies.
void check(const ProbeContext& pc, Sink& out) {
  for_each_document(pc, [&](const Target& t, const nlohmann::json& doc) {
    const std::string expected = probes::expected_issuer(t.url->value);
    const std::string* issuer = str(doc, "issuer");
    // Discovery drops an issuer's terminating slash before appending the well-known path, so the
    // URL cannot tell "X" from "X/": both are exact (Auth0's issuer ends with a slash).
    if (!issuer || expected.empty() || *issuer == expected || *issuer == expected + "/") return;
    bool shared_tenant = t.kind == "entra" && expected.find("/common") != std::string::npos;
    for (std::string_view s : {"/organizations", "/consumers"})
      if (t.kind == "entra" && expected.find(s) != std::string::npos) shared_tenant = true;
    if (shared_tenant || (t.kind == "entra" && entra_tenant_alias(*issuer, expected))) return;
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
extern const Rule OD3005{"OD3005", "discovery-issuer-mismatch", Severity::Error, "issuer-mismatch",
                         "The issuer in the discovery document differs from the metadata URL's issuer",
                         "Use the metadata URL built from the exact issuer the IdP advertises (scheme, host, path, trailing slash).", check};
}  // namespace od::rules
