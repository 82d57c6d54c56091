#include "rules/exports.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    auto expected = ctx.platform.redirect_uris(ctx.config, c);
    for (auto* list : {&c.redirect_uris, &c.logout_uris}) {
      if (!*list || !(*list)->trailing_wildcards) continue;
      for (auto& item : (*list)->items) {
        const std::string& v = item.value;
        if (v.find('*') == std::string::npos) continue;
        std::string msg;
        if (!v.ends_with('*') || v.find('?') != std::string::npos) {
          msg = fmt::format(
              "registered URI {} has a * that Keycloak takes literally (it honours * only at the "
              "end of an entry without a query), so it matches no real redirect URI",
              v);
        } else if (v == "*") {
          msg = "registered URI * lets Keycloak send sign-in codes to any address at all";
        } else {
          int covered = 0;
          for (auto& e : expected) covered += providers::trailing_wildcard_matches(v, e.uri);
          msg = fmt::format(
              "registered URI {} lets Keycloak send sign-in codes to every address that starts "
              "with {} ({} of the platform's URIs rely on it); an open redirect anywhere under it "
              "leaks codes",
              v, v.substr(0, v.size() - 1), covered);
        }
        out.report(item.pos, msg,
                   {.client = &c,
                    .fix = "Replace the wildcard entry with the exact URIs (`oidc-doctor redirect-uris` lists "
                           "them).",
                    .key = v});
      }
    }
  }
}
}  // namespace
extern const Rule OD2807{"OD2807",
                         "keycloak-redirect-uri-wildcard",
                         Severity::Warning,
                         "redirect-uri-invalid",
                         "A Keycloak redirect URI with a wildcard, read with Keycloak's own matching",
                         "Register exact redirect URIs instead of wildcards.",
                         check};
}  // namespace od::rules
