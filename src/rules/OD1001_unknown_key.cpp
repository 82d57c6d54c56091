#include "rules/common.h"

namespace od::rules {
namespace {
void check(const Context& ctx, Sink& out) {
  for (auto& u : ctx.config.unknown_keys) {
    std::string where = u.path.empty() ? "at the top level" : "in `" + u.path + "`";
    std::string msg = fmt::format("unknown key `{}` {}; oidc-doctor ignores it", u.key, where);
    std::string fix = u.suggestion.empty() ? "Remove the key or check the spelling against `oidc-doctor schema`."
                                           : fmt::format("Did you mean `{}`? Rename the key.", u.suggestion);
    if (!u.suggestion.empty()) msg += fmt::format(" (did you mean `{}`?)", u.suggestion);
    out.report(u.pos, msg, {.fix = fix, .key = u.path + "." + u.key});
  }
}
}  // namespace
extern const Rule OD1001{"OD1001",
                         "unknown-key",
                         Severity::Error,
                         "config-invalid",
                         "A key the config schema does not know, usually a typo that hides a setting",
                         "Fix the spelling or remove the key.",
                         check};
}  // namespace od::rules
