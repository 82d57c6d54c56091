#include "core/category.h"

#include <algorithm>

namespace od {

namespace {
// Extend, never rename: names appear in JSON output, baselines and the catalogue. A change of
// meaning or a move of entries is a contract change: note it in README's Changelog.
constexpr CategoryInfo kCategories[] = {
    {"redirect-uri-mismatch", "the redirect URI sent is not among those registered for the client"},
    {"redirect-uri-missing", "no redirect URI at all: none is registered for the client, or none is sent"},
    {"redirect-uri-invalid", "the redirect URI itself is malformed or of a kind the IdP does not allow"},
    {"logout-uri-mismatch", "the post-logout redirect URI sent is not among those registered for the client"},
    {"client-not-found", "the IdP does not know the client id"},
    {"client-disabled", "the client exists but is disabled or suspended"},
    {"client-secret-invalid", "the client secret (or other client credential) is wrong or missing"},
    {"client-secret-expired", "the client secret has expired"},
    {"client-auth-method", "the client authenticates in a way the IdP does not expect (public vs confidential)"},
    {"secret-exposed", "a secret is stored, published or sent where others can read it"},
    {"refresh-token-missing", "no refresh token is issued or kept"},
    {"grant-invalid", "the authorization code or refresh token is invalid, expired, revoked or used"},
    {"grant-type-not-allowed", "the client may not use this grant type or flow"},
    {"response-type-not-enabled", "the response type or response mode is not enabled for the client"},
    {"scope-invalid", "a requested scope is unknown or not allowed"},
    {"consent-required", "a user or administrator has not consented"},
    {"api-permission-missing", "the app lacks an API permission"},
    {"user-not-assigned", "the user is not assigned to the application"},
    {"user-not-found", "the user does not exist where it is looked up"},
    {"username-claim-mismatch", "the claim used as username does not match platform usernames"},
    {"mfa-required", "multi-factor authentication is required or failed"},
    {"access-policy-denied", "a policy (conditional access, sign-on policy) blocked access"},
    {"tenant-mismatch", "the wrong tenant or a tenant-independent endpoint is used"},
    {"api-version", "the endpoint or API version (Entra v1 vs v2) does not fit the request or account"},
    {"metadata-unreachable", "the discovery document or another IdP endpoint cannot be reached"},
    {"metadata-invalid", "the discovery document, its URL or the authority is wrong"},
    {"issuer-mismatch", "an issuer (token, discovery or federation) differs from the expected one"},
    {"audience-mismatch", "the token is for another audience"},
    {"token-signature-invalid", "the token signature or its signing keys cannot be verified"},
    {"token-lifetime", "the token is expired or not yet valid"},
    {"pkce", "the PKCE challenge or verifier is missing or wrong"},
    {"session-state-lost", "state, nonce cookie or session data was lost between the request and the callback"},
    {"nonce-invalid", "the ID token's nonce is missing or differs from the one the client sent"},
    {"spa-platform-mismatch", "the redirect URI is registered for the wrong platform type"},
    {"tls-trust", "the TLS connection or certificate is not accepted"},
    {"proxy-inconsistent", "environments reach the IdP through different proxy settings"},
    {"prerequisites-outdated", "a component is older than the feature requires"},
    {"config-not-saved", "a configuration change was not saved before activation"},
    {"integration-not-associated", "no OAuth integration, or not the right kind, is associated with the content"},
    {"oauth-session-missing", "the viewer has not signed in to the OAuth integration"},
    {"subject-token-invalid", "the token exchange subject token was rejected"},
    {"rate-limited", "too many requests, or a sign-in loop was stopped"},
    {"server-error", "the IdP failed or is unavailable"},
    {"unknown", "recognised as an error of this provider, cause not catalogued"},
    {"config-invalid", "the oidc-doctor configuration itself is wrong or incomplete (never an IdP error)"},
    {"invalid-request", "the request is malformed, misses a parameter or calls the client library out of order"},
    {"account-disabled", "the user account is disabled, locked, blocked or expired"},
    {"credentials-invalid", "the user's own password or other credentials were rejected or expired"},
    {"interaction-required",
     "the user must act (sign in, re-authenticate, choose an account) or the window for it failed"},
    {"device-flow", "a device authorization flow state: pending, polling too fast, or the device code expired"},
    {"resource-invalid", "the requested resource (API, audience) does not exist or is disabled"},
    {"user-cancelled", "the user declined or cancelled the sign-in or consent"},
    {"signing-key-missing", "the IdP has no usable signing key or certificate configured for the application"},
};
}  // namespace

std::span<const CategoryInfo> categories() { return kCategories; }

bool is_category(std::string_view name) {
  return std::any_of(std::begin(kCategories), std::end(kCategories),
                     [&](const CategoryInfo& c) { return c.name == name; });
}

}  // namespace od
