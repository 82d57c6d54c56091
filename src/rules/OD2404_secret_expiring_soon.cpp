#include "rules/common.h"

namespace od::rules {
namespace {
constexpr int kWarnDays = 30;
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.secret_expires) continue;
    int left = c.secret_expires->value.days - ctx.today.days;
    if (left < 0 || left > kWarnDays) continue;
    out.report(
        c.secret_expires->pos,
        fmt::format("the {} secret expires on {} ({}); after that every sign-in fails", c.label,
                    c.secret_expires->value.str(), days_phrase(left)),
        {.client = &c, .fix = "Create the next secret now, switch the platform to it, then retire the old one."});
  }
}
}  // namespace
extern const Rule OD2404{"OD2404",
                         "secret-expiring-soon",
                         Severity::Warning,
                         "client-secret-expired",
                         "A client secret that expires within 30 days",
                         "Rotate the secret before it expires.",
                         check};
}  // namespace od::rules
