#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.redirect_uris) continue;
    auto expected = ctx.platform.redirect_uris(ctx.config, c);
    out.report(c.pos,
               fmt::format("the {} lists no `redirect_uris`, so what is registered at the IdP cannot be checked "
                           "against the {} URI(s) the platform needs",
                           c.label, expected.size()),
               {.client = &c,
                .fix = "Copy the client's registered redirect URIs from the IdP into `redirect_uris`; "
                       "`oidc-doctor redirect-uris` prints the list the platform needs."});
  }
}
}  // namespace
extern const Rule OD1004{"OD1004",
                         "redirect-uris-undeclared",
                         Severity::Info,
                         "config-invalid",
                         "A client without `redirect_uris`: registration cannot be checked offline",
                         "Add the registered redirect URIs to the config.",
                         check};
}  // namespace od::rules
