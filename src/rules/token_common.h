// What the token rules (OD4xxx) share: reading claims, telling ID from access tokens, the Entra
// shapes (Graph tokens, v1 and v2.0 issuers, guests) and the issuer a configured metadata URL
// implies. Rule files include this instead of rules/common.h.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "rules/common.h"
#include "token/facts.h"
#include "token/times.h"

namespace od::rules::tok {

std::string text(const nlohmann::ordered_json& j, const char* key);                 // "" unless a string
std::optional<long long> number(const nlohmann::ordered_json& j, const char* key);  // floored
std::vector<std::string> audiences(const token::TokenFacts& t);                     // `aud`, string or list
std::string issuer(const token::TokenFacts& t);                                     // `iss` or ""
std::string join(const std::vector<std::string>& items);                            // "a, b"

bool is_entra_issuer(const std::string& iss);     // login.microsoftonline.com & co, or sts.windows.net
bool is_entra_v1_issuer(const std::string& iss);  // sts.windows.net
// Access tokens carry scopes, roles or a client id claim, or say at+jwt in their header.
bool is_access_token(const token::TokenFacts& t);
// The token's `aud` and the configured client ids when no audience names one of them (the
// client id itself or api://<id>); nullopt when one does, or either list is empty.
struct AudienceGap {
  std::vector<std::string> audiences, client_ids;
};
std::optional<AudienceGap> audience_outside_clients(const token::TokenFacts& t, const Config& cfg);

// A Microsoft Graph access token (audience Graph, or an Entra token with a header nonce): only
// Graph can validate it, so signature and audience findings about it would mislead.
bool is_graph_token(const token::TokenFacts& t);
bool graph_header_nonce(const token::TokenFacts& t);

// An Entra guest (B2B or personal account): `idp` names another issuer, or acct is 1, and no upn.
bool is_entra_guest(const token::TokenFacts& t);

// The issuer a validator derives from the configured metadata URL, and how strictly it is known.
struct ExpectedIssuer {
  std::string value;  // exact issuer, or a shape description
  bool exact = true;  // false: only the shape (host, version) is known
  bool entra_v2 = false, entra_v1 = false;
};
std::optional<ExpectedIssuer> expected_issuer(const Config* cfg);  // none without metadata_url
bool matches_shape(const std::string& iss, const ExpectedIssuer& e);

// The Entra token's version contradicts the configured metadata's (v1 token, v2.0 metadata or
// the other way round): OD4501 explains the issuer difference, so OD4703 stays quiet.
bool entra_version_conflict(const token::TokenFacts& t);

// The configured username claim, or null (no config, or none configured).
const LStr* username_claim(const TokenContext& tc);

}  // namespace od::rules::tok
