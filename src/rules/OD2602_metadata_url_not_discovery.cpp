#include "rules/common.h"

namespace od::rules {
namespace {
constexpr std::string_view kWellKnown = "/.well-known/openid-configuration";
void check(const Context& ctx, Sink& out) {
  for_each_metadata_url(ctx.config, [&](const LStr& url, const Client& c) {
    auto u = Uri::parse(url.value);
    if (!u || !u->is_http() || u->path.ends_with(kWellKnown)) return;
    out.report(url.pos,
               fmt::format("metadata URL {} does not end with {}; it is probably the issuer or the sign-in page, "
                           "not the discovery document, and activation fails",
                           url.value, kWellKnown),
               {.client = &c,
                .fix = fmt::format("Use the issuer URL followed by {} (the IdP shows it as the metadata or "
                                   "OpenID Connect metadata document URL).",
                                   kWellKnown)});
  });
}
}  // namespace
extern const Rule OD2602{"OD2602",
                         "metadata-url-not-discovery",
                         Severity::Warning,
                         "metadata-invalid",
                         "The metadata URL is not a /.well-known/openid-configuration document",
                         "Point at the discovery document.",
                         check};
}  // namespace od::rules
