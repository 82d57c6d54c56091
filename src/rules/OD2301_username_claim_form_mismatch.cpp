#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  auto& claim = ctx.config.provider.username_claim;
  if (!claim) return;
  for (auto& u : ctx.config.users) {
    auto it = u.claims.find(claim->value);
    if (it == u.claims.end()) continue;
    const std::string& value = it->second.value;
    auto uf = username_form(u.username.value), cf = username_form(value);
    std::string msg;
    if (uf != cf)
      msg = fmt::format(
          "user `{}`: claim `{}` carries {} `{}` but the platform username is {}; sign-in ends in "
          "\"Invalid login SSO\"",
          u.username.value, claim->value, cf == "email" ? "an email" : "a " + std::string(cf), value,
          uf == "email" ? "an email" : "a " + std::string(uf));
    else if (!iequals(value, u.username.value))
      msg = fmt::format(
          "user `{}`: claim `{}` is `{}`, which matches no platform user; sign-in ends in an "
          "invalid login",
          u.username.value, claim->value, value);
    if (msg.empty()) continue;
    out.report(u.username.pos, msg,
               {.fix = fmt::format("Make the platform usernames equal the IdP's `{}` values, or choose a username "
                                   "claim whose values look like the usernames.",
                                   claim->value),
                .key = u.username.value});
  }
}
}  // namespace
extern const Rule OD2301{"OD2301",
                         "username-claim-form-mismatch",
                         Severity::Error,
                         "username-claim-mismatch",
                         "The username claim's value does not equal the platform username",
                         "Align usernames with the claim, or pick another claim.",
                         check};
}  // namespace od::rules
