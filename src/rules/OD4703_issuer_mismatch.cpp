#include "rules/token_common.h"

namespace od::rules {
namespace {
std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  std::string iss = tok::issuer(t);
  if (!tc.ctx || iss.empty() || tok::entra_version_conflict(t)) return;  // OD4501 explains a version conflict
  auto want = tok::expected_issuer(t.config);
  if (!want || tok::matches_shape(iss, *want)) return;
  std::string near;
  if (want->exact && trimmed(iss) == trimmed(want->value))
    near = " (they differ only by a trailing slash, which still fails the exact comparison)";
  out.report({}, fmt::format("`iss` is {}, but the configured metadata URL implies {}{}", iss, want->value, near));
}
}  // namespace
extern const Rule OD4703{"OD4703",
                         "issuer-mismatch",
                         Severity::Error,
                         "issuer-mismatch",
                         "The token's issuer is not the one the configured metadata URL implies",
                         "Point `metadata_url` at the issuer that signs these tokens (issuer + "
                         "/.well-known/openid-configuration).",
                         check};
}  // namespace od::rules
