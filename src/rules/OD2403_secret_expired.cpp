#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.secret_expires || !(c.secret_expires->value < ctx.today)) continue;
    out.report(c.secret_expires->pos,
               fmt::format("the {} secret expired on {} ({}); token requests are refused", c.label,
                           c.secret_expires->value.str(), days_phrase(c.secret_expires->value.days - ctx.today.days)),
               {.client = &c,
                .fix = "Create a new secret at the IdP, update the platform with it, and update `secret_expires`."});
  }
}
}  // namespace
extern const Rule OD2403{"OD2403",
                         "secret-expired",
                         Severity::Error,
                         "client-secret-expired",
                         "A client secret past its expiry date",
                         "Rotate the secret.",
                         check};
}  // namespace od::rules
