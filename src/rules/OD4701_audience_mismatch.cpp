#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  if (!tc.ctx || tok::is_graph_token(t) || tok::is_access_token(t)) return;  // access tokens: OD4702
  auto gap = tok::audience_outside_clients(t, tc.ctx->config);
  if (!gap) return;
  out.report({}, fmt::format("`aud` is {}, but the configured client ids are {}: the platform refuses the token",
                             tok::join(gap->audiences), tok::join(gap->client_ids)));
}
}  // namespace
extern const Rule OD4701{"OD4701",
                         "audience-mismatch",
                         Severity::Error,
                         "audience-mismatch",
                         "The ID token's audience is none of the configured client ids",
                         "Use the client id the token was issued to, or sign in through the configured client.",
                         check};
}  // namespace od::rules
