#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.secret || c.secret->source != Secret::Source::Literal) continue;
    // The value itself is never part of the message.
    out.report(c.secret->pos,
               fmt::format("the {} secret is written in the config file; anyone who can read the file or its "
                           "history can sign in as this client",
                           c.label),
               {.client = &c,
                .fix = "Rotate the secret at the IdP, then reference the new one as ${env:NAME} or ${file:path}."});
  }
}
}  // namespace
extern const Rule OD2401{"OD2401",
                         "secret-literal",
                         Severity::Error,
                         "secret-exposed",
                         "A client secret written in the config file in the clear",
                         "Rotate it and reference it with ${env:} or ${file:}.",
                         check};
}  // namespace od::rules
