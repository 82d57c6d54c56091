#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (!c.redirect_uris) continue;
    auto checks = compare_uris(ctx.platform.redirect_uris(ctx.config, c), *c.redirect_uris);
    auto is_near_miss = [&](const LStr& item) {
      for (auto& r : checks)
        if (r.near == &item) return true;
      return false;
    };
    for (auto& item : c.redirect_uris->items) {
      if (item.value.find('*') != std::string::npos) continue;  // OD2005
      auto u = Uri::parse(item.value);
      std::string problem;
      if (!u)
        problem = "is not an absolute URI";
      else if (u->fragment)
        problem = "has a #fragment, which OAuth forbids in redirect URIs";
      else if (u->scheme == "http" && !is_loopback_host(u->host) && !is_near_miss(item))
        problem = "uses http for a host that is not loopback; IdPs refuse it or the browser leaks the code";
      else if (u->is_http() && u->host.empty())
        problem = "has no host";
      if (problem.empty()) continue;
      out.report(item.pos, fmt::format("registered redirect URI {} {}", item.value, problem),
                 {.client = &c, .fix = "Register an absolute https URI without a fragment.", .key = item.value});
    }
  }
}
}  // namespace
extern const Rule OD2006{"OD2006",
                         "redirect-uri-invalid",
                         Severity::Error,
                         "redirect-uri-invalid",
                         "A registered redirect URI that is not a valid one",
                         "Register an absolute https URI without a fragment.",
                         check};
}  // namespace od::rules
