#include "rules/token_common.h"

namespace od::rules {
namespace {
constexpr const char* kWhy =
    "access tokens take their version from the API's accessTokenAcceptedVersion "
    "(requestedAccessTokenVersion), not from the endpoint that issued them";

void check(const TokenContext& tc, Sink& out) {
  auto& t = tc.token;
  std::string iss = tok::issuer(t);
  if (!tok::is_entra_issuer(iss)) return;
  bool v1 = tok::is_entra_v1_issuer(iss);
  auto want = tok::expected_issuer(t.config);
  if (v1 && want && want->entra_v2) {
    out.report({},
               fmt::format("this is an Entra v1 token (iss {}), but the configured metadata is v2.0, whose issuer is "
                           "https://login.microsoftonline.com/<tenant>/v2.0: validators refuse it; {}",
                           iss, kWhy));
  } else if (!v1 && want && want->entra_v1) {
    out.report({},
               fmt::format("this is an Entra v2.0 token (iss {}), but the configured metadata is v1, whose issuer is "
                           "https://sts.windows.net/<tenant>/; {}",
                           iss, kWhy),
               {.fix = "Use the v2.0 metadata URL (…/<tenant>/v2.0/.well-known/openid-configuration)."});
  } else if (v1 && !t.config) {
    out.report({},
               fmt::format("this is an Entra v1 token (iss {}); validators configured with v2.0 metadata expect "
                           "https://login.microsoftonline.com/<tenant>/v2.0 and refuse it; {}",
                           iss, kWhy),
               {.fix = "If a v2.0 validator refuses it, set accessTokenAcceptedVersion to 2 on the API's app "
                       "registration.",
                .severity = Severity::Info});
  }
}
}  // namespace
extern const Rule OD4501{"OD4501",
                         "entra-token-version",
                         Severity::Error,
                         "issuer-mismatch",
                         "An Entra v1 token where v2.0 is expected, or the other way round",
                         "Set the API's accessTokenAcceptedVersion to 2 in its manifest, or validate against the v1 "
                         "issuer.",
                         check};
}  // namespace od::rules
