#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  auto& aud = ctx.config.provider.audience;
  if (aud && aud->value == "multi-tenant") return;
  for_each_metadata_url(ctx.config, [&](const LStr& url, const Client& c) {
    if (c.provider_kind != "entra") return;
    auto u = Uri::parse(url.value);
    if (!u || !providers::is_entra_login_host(u->host)) return;
    std::string_view path = u->path;
    if (path.starts_with("/")) path.remove_prefix(1);
    std::string_view tenant = path.substr(0, path.find('/'));
    if (!providers::is_entra_shared_tenant(tenant)) return;
    out.report(url.pos,
               fmt::format("metadata URL uses the `{}` endpoint: a single-tenant app registration refuses it, and "
                           "its issuer contains a {{tenantid}} placeholder that never matches a real token",
                           tenant),
               {.client = &c,
                .fix = "Replace the tenant segment with your tenant ID (Entra ID > Overview > Tenant ID), or set "
                       "`provider.audience: multi-tenant` if the app really is multi-tenant."});
  });
}
}  // namespace
extern const Rule OD2603{"OD2603",
                         "entra-shared-tenant-endpoint",
                         Severity::Error,
                         "tenant-mismatch",
                         "An Entra metadata URL on common/organizations/consumers for a single-tenant app",
                         "Use the tenant-specific metadata URL.",
                         check};
}  // namespace od::rules
