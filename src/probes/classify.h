// Reads an IdP's answers without a user: the authorization endpoint's reaction to a client id
// and redirect URI, and the token endpoint's reaction to a bogus code. This file knows only the
// protocol's framing (a redirect back to the redirect URI, the error and error_description
// fields); what a provider's words mean comes from the error catalogue (rules/catalogue/), and
// what its sign-in page looks like from its provider unit (src/providers/). A page we do not
// recognise is "inconclusive", never a guess.
#pragma once
#include <string>
#include <string_view>

#include "catalogue/catalogue.h"
#include "net/transport.h"

namespace od::probes {

enum class Verdict { Accepted, Rejected, ClientUnknown, Inconclusive };

struct AuthorizeResult {
  Verdict verdict = Verdict::Inconclusive;
  std::string detail;                       // the provider's own words, or why we cannot tell
  const catalogue::Entry* entry = nullptr;  // the catalogue entry the answer matched, if any
};
// `provider_kind` is the client's provider.kind: its catalogue entries are preferred, then the
// generic (protocol) ones.
AuthorizeResult classify_authorize(std::string_view provider_kind, const HttpResponse& resp,
                                   std::string_view redirect_uri);

enum class SecretVerdict { Accepted, Invalid, Expired, ClientUnknown, Inconclusive };

struct SecretResult {
  SecretVerdict verdict = SecretVerdict::Inconclusive;
  std::string detail;
  const catalogue::Entry* entry = nullptr;
};
SecretResult classify_token(std::string_view provider_kind, const HttpResponse& resp);

// What to add to an inconclusive authorization probe: where the provider keeps the reason, with
// the catalogue's codes for it ("; <the unit's note> (<code>: redirect URI, <code>: client id)"),
// or "".
std::string inconclusive_hint(std::string_view provider_kind);

// What to add to a rejected secret: the likely slip when the matched entry points at the
// secret-is-its-id lint rule, or that some IdPs say invalid_client for an unknown client id too.
std::string rejected_secret_hint(const SecretResult& result);

// Visible text of an answer's body on one line: HTML reduced to text, whitespace collapsed.
std::string page_text(std::string_view body);

}  // namespace od::probes
