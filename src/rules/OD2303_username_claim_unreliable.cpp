#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  auto& claim = ctx.config.provider.username_claim;
  if (!claim) return;
  auto why = providers::claim_caveat(ctx.config.platform, ctx.config.provider.kind, claim->value);
  if (!why) return;
  out.report(claim->pos, fmt::format("username claim `{}` is unreliable here: {}", claim->value, *why),
             {.fix = "Use a claim the IdP always sends with the username's value (for most IdPs "
                     "`preferred_username`; for Google `email`)."});
}
}  // namespace
extern const Rule OD2303{"OD2303",
                         "username-claim-unreliable",
                         Severity::Warning,
                         "username-claim-mismatch",
                         "The username claim is known to be missing or unstable for this IdP",
                         "Choose a claim the IdP always sends.",
                         check};
}  // namespace od::rules
