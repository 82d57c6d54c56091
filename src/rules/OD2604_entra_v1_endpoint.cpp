#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for_each_metadata_url(ctx.config, [&](const LStr& url, const Client& c) {
    if (c.provider_kind != "entra") return;
    auto u = Uri::parse(url.value);
    if (!u || !providers::is_entra_login_host(u->host) || u->path.find("/v2.0/") != std::string::npos) return;
    out.report(url.pos,
               "metadata URL is Entra's v1 endpoint: its issuer is https://sts.windows.net/<tenant>/ while v2 "
               "tokens carry https://login.microsoftonline.com/<tenant>/v2.0, so issuer checks fail when the "
               "two meet",
               {.client = &c,
                .fix = "Use https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration."});
  });
}
}  // namespace
extern const Rule OD2604{"OD2604",
                         "entra-v1-endpoint",
                         Severity::Warning,
                         "api-version",
                         "An Entra v1 metadata URL where v2 tokens are issued",
                         "Use the v2.0 metadata URL.",
                         check};
}  // namespace od::rules
