// What an IdP export says about one client, whichever IdP wrote it. Every value keeps its
// position in the export file (Pos::source names the file), so findings can point into it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "core/expected.h"

namespace od::imports {

enum class Format {
  EntraGraph,      // Microsoft Graph application object (also the portal's current manifest)
  EntraAadGraph,   // the older Azure AD Graph manifest (replyUrlsWithType)
  OktaApp,         // Okta apps API app object
  OktaClient,      // Okta /oauth2/v1/clients (dynamic client registration shape)
  KeycloakClient,  // a client representation
  KeycloakRealm,   // a realm export; the client is picked by clientId
};
std::string_view format_name(Format f);      // "Entra app registration (Microsoft Graph)" ...
std::string_view format_provider(Format f);  // entra | okta | keycloak

// Entra keeps redirect URIs per platform; the platform decides how the code may be redeemed.
enum class UriPlatform { Any, Web, Spa, PublicClient };
std::string_view platform_label(UriPlatform p);  // "Web", "Single-page application", ...

struct RegisteredUri {
  LStr uri;
  UriPlatform platform = UriPlatform::Any;
};

struct PasswordCredential {
  std::string display_name;
  std::string hint;    // Entra: first three characters of the secret value
  std::string key_id;  // Entra: the secret's ID (a GUID), which people paste by mistake
  std::optional<Located<Date>> end;
};

struct App {
  Format format{};
  std::string file;     // as shown in findings (relative to where the config was given)
  int source = 0;       // index + 1 into Config::sources
  Pos import_key;       // the `import:` key in the config
  std::string pointer;  // JSON pointer of the client inside the file ("" = the whole file)

  LStr client_id;
  std::string name;
  std::vector<RegisteredUri> redirect_uris;
  Pos redirect_key;  // the export's redirect list key (first one for Entra)
  std::vector<LStr> logout_uris;
  std::optional<LList> grant_types;      // Okta only: Entra and Keycloak have no such list
  std::optional<Located<bool>> enabled;  // Okta status ACTIVE, Keycloak enabled

  // Client type, as the IdP decides it.
  std::optional<Located<bool>> public_client;           // Keycloak publicClient; Okta auth method none
  std::optional<LStr> token_auth_method;                // Okta token_endpoint_auth_method
  std::optional<LStr> application_type;                 // Okta application_type: web, native, browser, service
  std::optional<Located<bool>> fallback_public_client;  // Entra isFallbackPublicClient / allowPublicClient

  // Keycloak flows.
  std::optional<Located<bool>> standard_flow;
  std::optional<Located<bool>> direct_access_grants;
  std::optional<LStr> pkce_method;             // Keycloak pkce.code.challenge.method ("" = not enforced)
  std::optional<Located<bool>> pkce_required;  // Okta pkce_required
  std::string root_url;                        // Keycloak rootUrl, for relative redirect URIs

  // Entra.
  std::optional<LStr> sign_in_audience;
  std::optional<LStr> front_channel_logout;      // web.logoutUrl: not a post-logout redirect URI
  std::vector<std::string> requested_resources;  // resourceAppId of requiredResourceAccess

  std::vector<PasswordCredential> secrets;
  std::optional<Located<Date>> secret_expires;  // Keycloak client.secret.expiration.time
  std::optional<Pos> secret_in_clear;           // a usable client secret written in the export
};

// Reads the export at `path` (shown as `display`) and picks the client `client_id` from it when
// the file holds several (realm export, Graph or Okta list); an empty `client_id` takes the only
// client such a list holds. `source` is stored in every Pos.
// Wrong-kind or malformed files come back as an Error naming the file and what was expected.
Expected<App> read_export(const std::string& path, const std::string& display, int source,
                          const std::string& client_id);

}  // namespace od::imports
