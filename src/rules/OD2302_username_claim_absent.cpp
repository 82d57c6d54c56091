#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  auto& claim = ctx.config.provider.username_claim;
  if (!claim) return;
  for (auto& u : ctx.config.users) {
    if (u.claims.count(claim->value)) continue;
    out.report(u.username.pos,
               fmt::format("user `{}`: the IdP sends no `{}` claim for this user, so the platform finds no "
                           "username and refuses the login",
                           u.username.value, claim->value),
               {.fix = fmt::format("Configure the IdP to issue `{}` for every user (claim mapping / optional "
                                   "claims), or use a claim it always sends.",
                                   claim->value),
                .key = u.username.value});
  }
}
}  // namespace
extern const Rule OD2302{"OD2302",
                         "username-claim-absent",
                         Severity::Error,
                         "username-claim-mismatch",
                         "A sample user receives no username claim at all",
                         "Issue the claim for every user or choose another.",
                         check};
}  // namespace od::rules
