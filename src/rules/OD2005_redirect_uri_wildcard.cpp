#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients)
    for (auto* list : {&c.redirect_uris, &c.logout_uris}) {
      // Keycloak gives * its own meaning; OD2806 says what such an entry matches there.
      if (!*list || (*list)->trailing_wildcards) continue;
      for (auto& item : (*list)->items)
        if (item.value.find('*') != std::string::npos)
          out.report(item.pos,
                     fmt::format("registered URI {} contains a wildcard: most IdPs reject or match it "
                                 "differently than expected, and those that honour it let any matching host "
                                 "receive codes",
                                 item.value),
                     {.client = &c, .fix = "Register every exact URI instead of a wildcard.", .key = item.value});
    }
}
}  // namespace
extern const Rule OD2005{"OD2005",
                         "redirect-uri-wildcard",
                         Severity::Warning,
                         "redirect-uri-invalid",
                         "A registered redirect or sign-out URI with a wildcard",
                         "Replace the wildcard with the exact URIs.",
                         check};
}  // namespace od::rules
