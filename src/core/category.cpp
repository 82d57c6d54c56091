#include "core/category.h"

#include <algorithm>

namespace od {

namespace {
// Extend, never rename: names appear in JSON output, baselines and the catalogue.
constexpr CategoryInfo kCategories[] = {
    {"redirect-uri-mismatch", "the redirect URI sent differs from every registered one"},
    {"redirect-uri-missing", "no redirect URI is registered for this use"},
    {"redirect-uri-invalid", "the redirect URI itself is malformed or not allowed"},
    {"client-not-found", "the IdP does not know the client id"},
    {"client-disabled", "the client exists but is disabled or suspended"},
    {"client-secret-invalid", "the client secret is wrong"},
    {"client-secret-expired", "the client secret has expired"},
    {"client-auth-method", "the client authenticates in a way the IdP does not expect"},
    {"secret-exposed", "a secret is stored or shown in the clear"},
    {"refresh-token-missing", "no refresh token is issued"},
    {"grant-invalid", "the authorization code or refresh token is invalid, expired or used"},
    {"grant-type-not-allowed", "the client may not use this grant type"},
    {"response-type-not-enabled", "the response type is not enabled for the client"},
    {"scope-invalid", "a requested scope is unknown or not allowed"},
    {"consent-required", "a user or administrator has not consented"},
    {"api-permission-missing", "the app lacks an API permission"},
    {"user-not-assigned", "the user is not assigned to the application"},
    {"user-not-found", "the user does not exist where it is looked up"},
    {"username-claim-mismatch", "the claim used as username does not match platform usernames"},
    {"mfa-required", "multi-factor authentication is required"},
    {"access-policy-denied", "a policy (conditional access, sign-on policy) blocked access"},
    {"tenant-mismatch", "the wrong tenant or tenant-independent endpoint is used"},
    {"metadata-unreachable", "the discovery document cannot be fetched"},
    {"metadata-invalid", "the discovery document or its URL is wrong"},
    {"issuer-mismatch", "the token or discovery issuer differs from the expected one"},
    {"audience-mismatch", "the token is for another audience"},
    {"token-signature-invalid", "the token signature cannot be verified"},
    {"token-lifetime", "the token is expired or not yet valid"},
    {"pkce", "the PKCE challenge or verifier is missing or wrong"},
    {"session-state-lost", "state, nonce or session cookies were lost between requests"},
    {"spa-platform-mismatch", "the redirect URI is registered for the wrong platform type"},
    {"tls-trust", "the TLS certificate is not trusted"},
    {"proxy-inconsistent", "environments reach the IdP through different proxy settings"},
    {"prerequisites-outdated", "a component is older than the feature requires"},
    {"config-not-saved", "a configuration change was not saved before activation"},
    {"integration-not-associated", "an OAuth integration is not associated with the content"},
    {"oauth-session-missing", "the viewer has not signed in to the OAuth integration"},
    {"subject-token-invalid", "the token exchange subject token was rejected"},
    {"rate-limited", "too many requests"},
    {"server-error", "the IdP failed or is unavailable"},
    {"unknown", "recognised as an error of this provider, cause not catalogued"},
    {"config-invalid", "the oidc-doctor configuration itself has a problem"},
    {"invalid-request", "the request is malformed or misses a parameter"},
    {"account-disabled", "the user account is disabled, locked or expired"},
    {"credentials-invalid", "the user's own credentials were rejected"},
    {"interaction-required", "the user must interact (sign in, consent, choose an account)"},
    {"device-flow", "a device authorization flow state"},
    {"resource-invalid", "the requested resource or audience does not exist"},
    {"user-cancelled", "the user declined or cancelled"},
    {"nonce-invalid", "the nonce is missing or does not match"},
};
}  // namespace

std::span<const CategoryInfo> categories() { return kCategories; }

bool is_category(std::string_view name) {
  return std::any_of(std::begin(kCategories), std::end(kCategories),
                     [&](const CategoryInfo& c) { return c.name == name; });
}

}  // namespace od
