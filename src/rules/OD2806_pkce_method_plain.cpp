#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    auto* app = export_of(c, "keycloak");
    if (!app || !app->pkce_method || app->pkce_method->value != "plain") continue;
    out.report(app->pkce_method->pos,
               fmt::format("the {} ({}) pins the PKCE method to `plain` {}: clients that send S256, the desktop "
                           "tools among them, are refused with \"Invalid parameter: code challenge method is not "
                           "matching the configured one\", and plain PKCE protects nothing if the request leaks",
                           c.label, app->client_id.value, in_export(*app)),
               {.client = &c,
                .fix = "Set the client's Advanced > \"Proof Key for Code Exchange Code Challenge Method\" to S256."});
  }
}
}  // namespace
extern const Rule OD2806{"OD2806",
                         "pkce-method-plain",
                         Severity::Error,
                         "pkce",
                         "A client that requires the plain PKCE method instead of S256",
                         "Require S256 as the PKCE method.",
                         check};
}  // namespace od::rules
