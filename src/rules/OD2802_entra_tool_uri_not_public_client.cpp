#include "rules/exports.h"

namespace od::rules {
namespace {
using imports::UriPlatform;

void check(const Context& ctx, Sink& out) {
  auto tools = tool_uris(ctx);
  for (auto& c : ctx.config.clients) {
    auto* app = export_of(c, "entra");
    if (!app || !serves_tools(ctx, c)) continue;
    for (auto& e : ctx.platform.redirect_uris(ctx.config, c)) {
      // Custom schemes belong to installed tools, which cannot keep a secret.
      auto u = Uri::parse(e.uri);
      if (!tools.count(e.uri) || !u || u->is_http()) continue;
      const imports::RegisteredUri* wrong = nullptr;
      bool public_client = false;
      for (auto& r : app->redirect_uris) {
        if (r.uri.value != e.uri) continue;
        if (r.platform == UriPlatform::PublicClient)
          public_client = true;
        else
          wrong = &r;
      }
      if (!wrong || public_client) continue;
      out.report(wrong->uri.pos,
                 fmt::format("{} redirect URI {} is registered under the {} platform {}; the tool signs in with "
                             "PKCE and no secret, so Entra asks it for a client secret it does not have",
                             e.purpose, e.uri, imports::platform_label(wrong->platform), in_export(*app)),
                 {.client = &c,
                  .fix = fmt::format("Remove {} from the {} platform and add it under \"Mobile and desktop "
                                     "applications\".",
                                     e.uri, imports::platform_label(wrong->platform)),
                  .key = e.uri,
                  .redirect_uri = e.uri});
    }
  }
}
}  // namespace
extern const Rule OD2802{"OD2802",
                         "entra-tool-uri-not-public-client",
                         Severity::Error,
                         "client-auth-method",
                         "A desktop tool's redirect URI is not under Entra's Mobile and desktop platform",
                         "Register the tool URIs under \"Mobile and desktop applications\".",
                         check};
}  // namespace od::rules
