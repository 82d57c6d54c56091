#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    auto* app = export_of(c, "keycloak");
    if (!app || !app->standard_flow || app->standard_flow->value) continue;
    out.report(app->standard_flow->pos,
               fmt::format("the {} ({}) has the standard flow switched off {}: Keycloak refuses every "
                           "authorization code sign-in, which is the only flow the platform uses",
                           c.label, app->client_id.value, in_export(*app)),
               {.client = &c,
                .fix = "In the client's Settings > Capability config, tick \"Standard flow\" "
                       "(standardFlowEnabled true) and save."});
  }
}
}  // namespace
extern const Rule OD2805{"OD2805",
                         "keycloak-standard-flow-disabled",
                         Severity::Error,
                         "grant-type-not-allowed",
                         "A Keycloak client with the standard (authorization code) flow disabled",
                         "Enable the standard flow on the Keycloak client.",
                         check};
}  // namespace od::rules
