#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.secret || !ctx.platform.is_confidential(c)) continue;
    out.report(c.pos,
               fmt::format("the {} is a confidential client but has no `client_secret`; the code exchange "
                           "cannot authenticate",
                           c.label),
               {.client = &c, .fix = "Add `client_secret: ${env:NAME}` referencing the client's secret."});
  }
}
}  // namespace
extern const Rule OD2405{"OD2405",
                         "secret-missing",
                         Severity::Error,
                         "client-secret-invalid",
                         "A confidential client without a client secret",
                         "Reference the client's secret in the config.",
                         check};
}  // namespace od::rules
