#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  if (!tok::audiences(tc.token).empty()) return;
  out.report({}, "the token has no `aud` claim");
}
}  // namespace
extern const Rule OD4202{"OD4202",
                         "audience-missing",
                         Severity::Warning,
                         "audience-mismatch",
                         "The token has no audience (`aud`) claim",
                         "Check that this is the token the platform validates.",
                         check};
}  // namespace od::rules
