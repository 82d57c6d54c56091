#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& env : ctx.config.environments) {
    auto u = Uri::parse(env.url.value);
    std::string problem;
    if (!u || !u->is_http() || !u->has_authority)
      problem = "is not an absolute http(s) URL";
    else if (u->scheme == "http" && !is_loopback_host(u->host))
      problem = "uses http; the IdP redirects users back over https, and most IdPs refuse http redirect URIs";
    else if (ctx.platform.env_url_must_be_origin() && ((!u->path.empty() && u->path != "/") || u->query))
      problem = "has a path; give the bare environment address, the platform adds its own paths";
    if (problem.empty()) continue;
    out.report(env.url.pos, fmt::format("URL `{}` of environment `{}` {}", env.url.value, env.name.value, problem),
               {.environment = env.name.value, .key = env.url.value});
  }
}
}  // namespace
extern const Rule OD1003{"OD1003",
                         "environment-url-invalid",
                         Severity::Error,
                         "redirect-uri-invalid",
                         "An environment URL that cannot produce valid redirect URIs",
                         "Write the environment URL as https://host (plus port if not 443).",
                         check};
}  // namespace od::rules
