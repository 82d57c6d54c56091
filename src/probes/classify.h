// Reads an IdP's answers without a user: the authorization endpoint's reaction to a client id
// and redirect URI, and the token endpoint's reaction to a bogus code. This file knows only the
// protocol's framing (a redirect back to the redirect URI, the error and error_description
// fields); what a provider's words mean comes from the error catalogue (rules/catalogue/), and
// what its sign-in page looks like from its provider unit (src/providers/). A page we do not
// recognise is "inconclusive", never a guess.
#pragma once
#include <string>
#include <string_view>
#include <utility>

#include "catalogue/catalogue.h"
#include "net/transport.h"

namespace od::probes {

// Unverifiable: the IdP answers a redirect URI or client id that cannot be registered like the
// real one (it checks only after sign-in, or accepts anything), so no verdict is possible before
// a user signs in.
enum class Verdict { Accepted, Rejected, ClientUnknown, Inconclusive, Unverifiable };

struct AuthorizeResult {
  Verdict verdict = Verdict::Inconclusive;
  std::string detail;                       // the provider's own words, or why we cannot tell
  const catalogue::Entry* entry = nullptr;  // the catalogue entry the answer matched, if any
};
// `provider_kind` is the client's provider.kind: its catalogue entries are preferred, then the
// generic (protocol) ones.
// `wordings`: false reads only the protocol's framing (status, redirects, RFC 6749 error fields),
// without the catalogue's wordings and the provider units' sign-in page markers; the canary
// comparison (probes/differential.h) must then find the rejections on its own.
AuthorizeResult classify_authorize(std::string_view provider_kind, const HttpResponse& resp,
                                   std::string_view redirect_uri, bool wordings = true);

// Unverifiable: the token endpoint also answers a client id that cannot exist with tokens.
enum class SecretVerdict { Accepted, Invalid, Expired, ClientUnknown, Inconclusive, Unverifiable };

struct SecretResult {
  SecretVerdict verdict = SecretVerdict::Inconclusive;
  std::string detail;
  const catalogue::Entry* entry = nullptr;
};
SecretResult classify_token(std::string_view provider_kind, const HttpResponse& resp, bool wordings = true);

// What to add to an inconclusive authorization probe: where the provider keeps the reason, with
// the catalogue's codes for it ("; <the unit's note> (<code>: redirect URI, <code>: client id)"),
// or "".
std::string inconclusive_hint(std::string_view provider_kind);

// What to add to a rejected secret: the likely slip when the matched entry points at the
// secret-is-its-id lint rule, or that some IdPs say invalid_client for an unknown client id too.
std::string rejected_secret_hint(const SecretResult& result);

// A token endpoint's error that refuses the code itself, which it judges only after the client
// authenticated: RFC 6749's invalid_grant. Providers' own names for it are catalogue entries of
// category grant-invalid (classify_token reads those first), never spelled here.
bool is_code_refusal(std::string_view error);

// `location` is `redirect_uri` itself or it with a query or fragment appended.
bool is_redirect_to(std::string_view location, std::string_view redirect_uri);
// The decoded value of query (or fragment) parameter `name` of `url`, "" when absent.
std::string query_param(std::string_view url, std::string_view name);
// The RFC 6749 fields of an error page that lists them as "error: X" and "error_description: Y"
// (node-oidc-provider's default page does), from its visible text.
std::pair<std::string, std::string> page_error(std::string_view text);

// Visible text of an answer's body on one line: HTML reduced to text, whitespace collapsed.
std::string page_text(std::string_view body);

}  // namespace od::probes
