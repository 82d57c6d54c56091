#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.provider_kind != "entra" || !c.secret || !c.secret->value) continue;
    if (!looks_like_guid(*c.secret->value)) continue;
    out.report(c.secret->pos,
               fmt::format("the {} secret has the shape of a GUID: that is the secret's ID in the Entra portal, "
                           "not its value, and every token request fails",
                           c.label),
               {.client = &c,
                .fix = "In Entra ID > App registrations > Certificates & secrets, create a new secret and copy "
                       "its Value column (shown once), not the Secret ID."});
  }
}
}  // namespace
extern const Rule OD2402{"OD2402",
                         "secret-is-secret-id",
                         Severity::Error,
                         "client-secret-invalid",
                         "An Entra client secret that is the secret's ID, not its value",
                         "Use the secret's Value, not its Secret ID.",
                         check};
}  // namespace od::rules
