#include "rules/token_common.h"

namespace od::rules {
namespace {
std::string plural(std::string_view form) { return form == "email" ? "emails" : std::string(form) + "s"; }

void check(const TokenContext& tc, Sink& out) {
  const LStr* claim = tok::username_claim(tc);
  if (!claim) return;
  auto it = tc.token.jwt.claims.find(claim->value);
  if (it == tc.token.jwt.claims.end() || !it->is_string()) return;
  auto& users = tc.ctx->config.users;
  std::string value = it->get<std::string>();
  std::vector<std::string_view> forms;
  for (auto& u : users) {
    if (iequals(u.username.value, value)) return;
    forms.push_back(username_form(u.username.value));
  }
  auto form = username_form(value);
  if (forms.empty() || std::find(forms.begin(), forms.end(), form) != forms.end()) return;  // OD4605
  out.report(
      {},
      fmt::format("`{}` carries {} `{}`, but the platform usernames in the config are {}: the sign-in ends in "
                  "\"Invalid login SSO\"",
                  claim->value, form == "email" ? "an email" : "a " + std::string(form), value, plural(forms.front())),
      {.fix = fmt::format("Make the platform usernames look like the `{}` values, or choose another claim.",
                          claim->value)});
}
}  // namespace
extern const Rule OD4604{"OD4604",
                         "username-claim-form",
                         Severity::Error,
                         "username-claim-mismatch",
                         "The token's username has another form than the configured users' usernames",
                         "Make the platform usernames look like the claim's values, or choose another claim.",
                         check};
}  // namespace od::rules
