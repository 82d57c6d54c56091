#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for_each_metadata_url(ctx.config, [&](const LStr& url, const Client& c) {
    if (c.provider_kind != "okta") return;
    auto u = Uri::parse(url.value);
    if (!u || u->path != "/.well-known/openid-configuration") return;
    out.report(url.pos,
               "metadata URL is Okta's org authorization server: its access tokens are meant for Okta's own APIs, "
               "cannot be validated by the platform, and it ignores custom scopes and claims",
               {.client = &c,
                .fix = "In Okta > Security > API > Authorization Servers, copy the Metadata URI of your server "
                       "(e.g. https://<org>.okta.com/oauth2/default/.well-known/openid-configuration)."});
  });
}
}  // namespace
extern const Rule OD2605{"OD2605",
                         "okta-org-authorization-server",
                         Severity::Warning,
                         "scope-invalid",
                         "An Okta metadata URL on the org authorization server",
                         "Use a custom authorization server's metadata URI.",
                         check};
}  // namespace od::rules
