#include "rules/common.h"

namespace od::rules {
namespace {
// The username-claim rules (OD2301-OD2303) need provider.username_claim; without it they stay
// silent, so say once that the sample users went unchecked, and point at a misspelt key if any.
void check(const Context& ctx, Sink& out) {
  if (ctx.config.provider.username_claim || ctx.config.users.empty()) return;
  const UnknownKey* typo = nullptr;
  static constexpr std::string_view wanted[] = {"username_claim"};
  for (auto& u : ctx.config.unknown_keys) {
    if (u.suggestion == "username_claim" || !did_you_mean(u.key, wanted).empty()) {
      typo = &u;
      break;
    }
  }
  size_t n = ctx.config.users.size();
  std::string msg = fmt::format("username_claim not set: {} user{} not checked", n, n == 1 ? "" : "s");
  std::string fix = "Set provider.username_claim to the claim the platform reads as the username.";
  if (typo) {
    std::string where = typo->path.empty() ? "at the top level" : "in `" + typo->path + "`";
    msg += fmt::format(" (`{}` {} looks like a misspelling of it)", typo->key, where);
    fix = fmt::format("Rename `{}` to `username_claim`.", typo->key);
  }
  Pos pos = typo ? typo->pos : ctx.config.provider.pos;
  out.report(pos, msg, {.fix = fix, .key = "provider.username_claim"});
}
}  // namespace
extern const Rule OD1005{"OD1005",
                         "username-claim-unset",
                         Severity::Info,
                         "config-invalid",
                         "Sample users are listed but no username claim is set, so their usernames are not checked",
                         "Set provider.username_claim (check the key's spelling).",
                         check};
}  // namespace od::rules
