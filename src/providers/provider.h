// How each identity provider BEHAVES: issuer shapes, tenant aliases, what its sign-in page looks
// like, what its discovery document leaves out, which scope asks for a refresh token, claim
// quirks and the Posit Connect templates that stand for it. One unit per provider
// (src/providers/<kind>.cpp) fills one ProviderInfo; registry() lists them all.
// What an IdP SAYS (its error wordings and codes) is not here: that lives in rules/catalogue/.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace od::providers {

struct Caveat {
  std::string_view platform;  // "*" = any platform
  std::string_view claim;
  std::string_view why;
};

struct LogHint {
  std::string_view category;  // looked up in the catalogue's predictions for the provider
  std::string_view about;     // "redirect URI", "client id"
};

// Where a provider keeps a client's redirect URIs, named as its console and its app object name
// them. Most keep one sign-in list and one sign-out list; Entra keeps sign-in URIs per platform.
struct UriList {
  std::string_view id;        // stable key for JSON: "web", "spa", "public-client", "sign-in", "sign-out"
  std::string_view label;     // "Web", "Mobile and desktop applications", "Sign-in redirect URIs"
  std::string_view field;     // its field in the app object ("web.redirectUris"); empty when we name none
  std::string_view cli_flag;  // the provider CLI's flag that sets the whole list, if there is one
};

// How the client that receives a redirect URI redeems the code: on a server with its secret, in an
// installed app (custom scheme, PKCE), or in script in the browser.
enum class Redeemer { Server, Installed, Browser };

// A ready-to-run form of a client's lists: a command line, a manifest fragment, an API body.
struct Form {
  std::string title;  // one line saying what it is and how to use it
  std::string text;
};
struct Placed {
  const UriList* list;
  std::vector<std::string> uris;  // everything the list should hold afterwards
};

struct UriLayout {
  std::span<const UriList> lists;  // every list, in the order the console shows them
  // The list a sign-in (or sign-out) redirect URI goes in.
  const UriList* (*place)(std::string_view uri, bool sign_out, Redeemer redeemer);
  // A field that holds one URL for the whole registration (Entra's front-channel logout URL).
  const UriList* single_logout = nullptr;
  // How the provider checks sign-out URIs, when it is not a list of their own (our words).
  std::string_view sign_out_note = {};
  // Sign-in URIs are kept in several lists (Entra platforms): reports name each URI's list.
  bool per_platform = false;
  std::vector<Form> (*forms)(std::string_view client_id, std::span<const Placed> lists) = nullptr;
};

struct ProviderInfo {
  std::string_view kind;     // the config's provider.kind; also the catalogue file stem where one exists
  std::string_view display;  // for reports
  // Hosts that serve this provider's endpoints for every tenant (Entra: login.microsoftonline.com).
  std::span<const std::string_view> login_hosts = {};
  // Hosts that appear only in issuers (Entra v1: sts.windows.net).
  std::span<const std::string_view> issuer_hosts = {};
  // Host suffixes and path pieces by which an `iss` value reveals the provider.
  std::span<const std::string_view> issuer_host_suffixes = {};
  std::string_view issuer_path_marker = {};
  // First path segments that name no single tenant (Entra: common, organizations, consumers);
  // discovery under them advertises a templated issuer, never the URL's own.
  std::span<const std::string_view> shared_tenants = {};
  // The URL may name the tenant by domain while the issuer names it by GUID.
  bool tenant_alias_by_id = false;
  // Substrings of the sign-in page: seeing one means the request passed the client checks.
  std::span<const std::string_view> login_markers = {};
  // Whether discovery lists code_challenge_methods_supported (Entra supports S256 but omits it).
  bool advertises_pkce_methods = true;
  // The scope that asks for a refresh token; none where the provider uses another mechanism.
  std::optional<std::string_view> refresh_scope = "offline_access";
  std::span<const Caveat> caveats = {};
  // Registered redirect URIs may end in a * that matches every URI with that prefix.
  bool trailing_wildcard_redirects = false;
  // Posit Connect integration templates that stand for this provider.
  std::span<const std::string_view> templates = {};
  // Said when a probe of the authorization endpoint cannot tell the outcome (our words).
  std::string_view inconclusive_note = {};
  // Errors the provider keeps out of the browser's sight, by catalogue category, each with what it
  // is about; the probe quotes the catalogue's code for each (AD FS: its event log entries).
  std::span<const LogHint> inconclusive_hints = {};
  // Where redirect URIs are registered; null = one sign-in and one sign-out list, unnamed.
  const UriLayout* uri_layout = nullptr;
  // For `init`: the discovery URL's shape with placeholders in capitals, or, for OAuth-only
  // providers, the authorization and token endpoints; and a claim that carries a username.
  std::string_view metadata_url_example = {};
  std::string_view auth_url_example = {}, token_url_example = {};
  std::string_view username_claim = "preferred_username";
};

// Where this provider keeps redirect URIs (the generic layout when it names no lists).
const UriLayout& uri_layout(std::string_view kind);
// The list a redirect URI goes in at this provider.
const UriList& place_uri(std::string_view kind, std::string_view uri, bool sign_out, Redeemer redeemer);
// Who redeems the code sent to `uri`: Installed for a custom scheme (servicestudio://auth) or any
// URI of a public client (no secret: the installed tool redeems it), else Server.
Redeemer redeemer_of(std::string_view uri, bool confidential_client);

// Markers of a generic HTML sign-in form (a password field).
inline constexpr std::string_view kPasswordFormMarkers[] = {"type=\"password\"", "type='password'",
                                                            "name=\"password\""};

// Every provider unit, in the order the schema lists the kinds; `generic` last.
std::span<const ProviderInfo* const> registry();
const ProviderInfo* find(std::string_view kind);
// The unit for `kind`, or the generic one.
const ProviderInfo& info(std::string_view kind);
// The kinds, for the schema enum and CLI value lists.
std::span<const std::string_view> kinds();
// Posit Connect templates, and which provider kind each stands for.
std::span<const std::string_view> template_names();
std::optional<std::string_view> template_kind(std::string_view template_name);

// The provider an `iss` value belongs to, or "generic".
std::string_view kind_from_issuer(std::string_view iss);

// Why a claim is a poor username for this provider, if it is.
std::optional<std::string_view> claim_caveat(std::string_view platform, std::string_view kind, std::string_view claim);

// The scope that asks this IdP for a refresh token; none where the IdP uses another
// mechanism (Google: access_type=offline, GitHub: token expiry on a GitHub App).
std::optional<std::string_view> refresh_scope(std::string_view kind);

// Issuer questions: a discovery URL under a shared tenant segment; an issuer that names by id
// the tenant the URL names by domain. Both are by design, not a mismatch.
bool is_shared_tenant_url(std::string_view kind, std::string_view url);
bool is_tenant_alias(std::string_view kind, std::string_view issuer, std::string_view url_issuer);

// Whether `uri` matches a registered entry of a provider with trailing_wildcard_redirects: only a
// trailing * counts (in an entry without a query), and "/path/*" also covers "/path".
bool trailing_wildcard_matches(std::string_view pattern, std::string_view uri);

// Entra tenant segments that do not name one tenant, and its login hosts.
bool is_entra_shared_tenant(std::string_view segment);
bool is_entra_login_host(std::string_view host);

}  // namespace od::providers
