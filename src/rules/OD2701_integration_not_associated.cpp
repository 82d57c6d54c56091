#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.role != Client::Role::Integration || (c.content && !c.content->items.empty())) continue;
    out.report(c.content ? c.content->key : c.pos,
               fmt::format("{} is associated with no content item; content that asks it for credentials gets "
                           "\"No OAuth integrations have been associated with this content item\"",
                           c.label),
               {.client = &c,
                .fix = "In Connect, open the content's Settings > Access and add the integration (then list the "
                       "content GUIDs under `content`)."});
  }
}
}  // namespace
extern const Rule OD2701{"OD2701",
                         "integration-not-associated",
                         Severity::Warning,
                         "integration-not-associated",
                         "A Posit Connect integration associated with no content",
                         "Associate the integration with its content.",
                         check};
}  // namespace od::rules
