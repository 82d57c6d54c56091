// Differential reading of the IdP's answers: each real answer is compared with the answers to
// canaries (a redirect URI on a host under .invalid, a client id that cannot exist) sent by the
// same client over the same route. An answer shaped like the refused canary's is a refusal,
// whatever words the provider uses; canaries answered like the real requests mean the IdP checks
// nothing before sign-in. The wording tables (classify.h) only refine this: they supply the
// provider's own words, and decide alone when no canary answer exists (older recordings).
#pragma once
#include <string>
#include <string_view>

#include "net/transport.h"
#include "probes/classify.h"
#include "probes/facts.h"

namespace od::probes {

// The part of an answer that stays the same from one request to the next: status, redirect
// target (origin and path), the OAuth error, and the visible text with volatile parts masked
// (URLs, ids, tokens, numbers, the client ids sent).
std::string answer_shape(const HttpResponse& resp, std::string_view client_id);

// How the IdP treated a canary (sets nothing; the caller stores it in Canary::reading).
Canary::Reading read_canary(std::string_view provider_kind, const Canary& c, bool wordings);

// The verdict on a real authorization request, from its `classic` reading (classify_authorize)
// and the canaries of its client and route (null when there is none). `others_differ`: some other
// authorization request of the run got an answer unlike the redirect canary's (the IdP tells
// requests apart), needed before an answer both canaries share counts as a refusal.
// `real_shape` is answer_shape() of `real`; each canary's `shape` is set.
AuthorizeResult compare_authorize(const AuthorizeResult& classic, const HttpResponse& real, std::string_view real_shape,
                                  const Canary* redirect_canary, const Canary* client_canary,
                                  bool others_differ = true);

// The verdict on the bogus-code exchange: a code refusal means the secret passed, the answer
// the unknown-client canary got means it was refused, anything else is inconclusive.
SecretResult compare_token(const SecretResult& classic, std::string_view real_shape, const Canary* token_canary);

// The prefix of every client id and host name a canary makes up.
inline constexpr std::string_view kCanaryPrefix = "od-canary-";

}  // namespace od::probes
