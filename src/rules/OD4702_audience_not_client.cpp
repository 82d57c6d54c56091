#include "rules/token_common.h"

namespace od::rules {
namespace {
void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  if (!tc.ctx || tok::is_graph_token(t) || !tok::is_access_token(t)) return;  // ID tokens: OD4701
  auto gap = tok::audience_outside_clients(t, tc.ctx->config);
  if (!gap) return;
  out.report({}, fmt::format("this access token is for {} rather than a configured client ({}); a platform that "
                             "validates it as its own token refuses it",
                             tok::join(gap->audiences), tok::join(gap->client_ids)));
}
}  // namespace
extern const Rule OD4702{"OD4702",
                         "audience-not-client",
                         Severity::Warning,
                         "audience-mismatch",
                         "An access token whose audience is another API than the configured clients",
                         "Validate the ID token, or request a token whose audience is the platform's own API.",
                         check};
}  // namespace od::rules
