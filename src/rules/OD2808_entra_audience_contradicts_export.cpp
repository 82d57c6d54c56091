#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  const Client* web = ctx.config.client("web_client");
  auto* app = web ? export_of(*web, "entra") : nullptr;
  auto& declared = ctx.config.provider.audience;
  auto& url = ctx.config.provider.metadata_url;
  if (!app || !app->sign_in_audience || !url) return;
  auto u = Uri::parse(url->value);
  if (!u || !providers::is_entra_login_host(u->host)) return;
  std::string_view path = u->path;
  if (path.starts_with("/")) path.remove_prefix(1);
  std::string_view tenant = path.substr(0, path.find('/'));
  const std::string& audience = app->sign_in_audience->value;
  std::string msg;
  // The single-tenant case OD2603 reports, unless the config claims multi-tenant (declared in the
  // config: its position is in the config file, not in the export).
  if (audience == "AzureADMyOrg" && providers::is_entra_shared_tenant(tenant) && declared &&
      declared->value == "multi-tenant" && declared->pos.source == 0)
    msg = fmt::format(
        "`provider.audience` says multi-tenant, but the app registration {} has signInAudience "
        "AzureADMyOrg (this tenant only): the `{}` metadata endpoint is refused for it",
        in_export(*app), tenant);
  else if (iequals(tenant, "consumers") && audience == "AzureADMultipleOrgs" && declared &&
           declared->value == "multi-tenant")
    msg = fmt::format(
        "the metadata URL uses the `consumers` endpoint (personal Microsoft accounts only), but the "
        "app registration {} has signInAudience {}, which accepts no personal accounts",
        in_export(*app), audience);
  if (msg.empty()) return;
  out.report(url->pos, msg,
             {.client = web,
              .fix = "Use the tenant-specific metadata URL (https://login.microsoftonline.com/<tenant-id>/v2.0/"
                     ".well-known/openid-configuration), or change the app's supported account types; then make "
                     "`provider.audience` agree with the app registration."});
}
}  // namespace
extern const Rule OD2808{"OD2808",
                         "entra-audience-contradicts-export",
                         Severity::Error,
                         "tenant-mismatch",
                         "The Entra metadata endpoint does not fit the app registration's sign-in audience",
                         "Use the tenant-specific metadata URL or change the app's account types.",
                         check};
}  // namespace od::rules
