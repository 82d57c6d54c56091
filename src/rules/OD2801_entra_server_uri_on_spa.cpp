#include "rules/exports.h"

namespace od::rules {
namespace {
using imports::UriPlatform;

void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    auto* app = export_of(c, "entra");
    if (!app) continue;
    for (auto& e : server_uris(ctx, c)) {
      const imports::RegisteredUri* spa = nullptr;
      bool web = false;
      for (auto& r : app->redirect_uris) {
        if (r.uri.value != e.uri) continue;
        if (r.platform == UriPlatform::Spa) spa = &r;
        if (r.platform == UriPlatform::Web) web = true;
      }
      if (!spa || web) continue;
      out.report(spa->uri.pos,
                 fmt::format("{}{} redirect URI {} is registered under the Single-page application platform {}; "
                             "the platform redeems the code on its server, which Entra refuses for SPA redirect "
                             "URIs",
                             where_env(e.environment), e.purpose, e.uri, in_export(*app)),
                 {.environment = e.environment,
                  .client = &c,
                  .fix = fmt::format("In the app registration's Authentication page, remove {} from the "
                                     "Single-page application platform and add it under Web.",
                                     e.uri),
                  .key = e.uri,
                  .redirect_uri = e.uri});
    }
  }
}
}  // namespace
extern const Rule OD2801{"OD2801",
                         "entra-server-uri-on-spa",
                         Severity::Error,
                         "spa-platform-mismatch",
                         "An Entra app registration lists a server-side redirect URI under SPA instead of Web",
                         "Move the redirect URI from the Single-page application platform to Web.",
                         check};
}  // namespace od::rules
