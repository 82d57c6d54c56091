#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for_each_metadata_url(ctx.config, [&](const LStr& url, const Client& c) {
    auto u = Uri::parse(url.value);
    std::string problem;
    if (!u || !u->is_http() || !u->has_authority)
      problem = "is not an absolute https URL";
    else if (u->scheme == "http" && !is_loopback_host(u->host))
      problem = "uses http: the discovery document, and the keys that sign tokens, can be tampered with on the way";
    if (problem.empty()) return;
    out.report(url.pos, fmt::format("metadata URL {} {}", url.value, problem),
               {.client = &c, .fix = "Use the IdP's https discovery URL (…/.well-known/openid-configuration)."});
  });
}
}  // namespace
extern const Rule OD2601{"OD2601",
                         "metadata-url-insecure",
                         Severity::Error,
                         "metadata-invalid",
                         "The metadata URL is not an absolute https URL",
                         "Use the IdP's https discovery URL.",
                         check};
}  // namespace od::rules
