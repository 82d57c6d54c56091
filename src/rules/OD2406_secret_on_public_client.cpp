#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& c : ctx.config.clients) {
    if (c.role != Client::Role::Desktop || !c.secret) continue;
    out.report(
        c.secret->key,
        "the desktop client has a client_secret: desktop tools run on users' machines, cannot keep a "
        "secret and sign in with PKCE instead",
        {.client = &c, .fix = "Register the desktop client as a native/public app using PKCE and remove the secret."});
  }
}
}  // namespace
extern const Rule OD2406{"OD2406",
                         "secret-on-public-client",
                         Severity::Warning,
                         "client-auth-method",
                         "A secret configured for the public desktop-tools client",
                         "Make the desktop client public (PKCE) and drop the secret.",
                         check};
}  // namespace od::rules
