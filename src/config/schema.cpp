#include "config/schema.h"

#include <nlohmann/json.hpp>

#include "core/json.h"
#include "providers/provider.h"

namespace od::schema {

namespace {
using K = Kind;

constexpr std::string_view kPlatforms[] = {"outsystems", "posit-connect", "generic"};
// Provider kinds and Connect templates come from the provider registry (src/providers/).
const std::span<const std::string_view> kProviderKinds = providers::kinds();
constexpr std::string_view kAudiences[] = {"single-tenant", "multi-tenant"};
constexpr std::string_view kRoles[] = {"lifetime", "environment"};
const std::span<const std::string_view> kTemplates = providers::template_names();
constexpr std::string_view kAppTypes[] = {"oauth-app", "github-app"};

constexpr std::string_view kImportDoc =
    "IdP export of this client (Entra manifest or Graph application JSON, Okta app JSON, Keycloak client or "
    "realm export), relative to this file; its registered values join the lists";

constexpr Field kClientFields[] = {
    {"client_id", K::String, true, "Client (application) id registered at the IdP"},
    {"client_secret", K::String, false,
     "Secret reference: ${env:NAME} or ${file:path}; a literal secret is itself a finding"},
    {"secret_expires", K::Date, false, "Expiry date of the secret (YYYY-MM-DD)"},
    {"grant_types", K::StringList, false, "Grant types enabled for the client at the IdP"},
    {"redirect_uris", K::StringList, false, "Sign-in redirect URIs registered at the IdP today"},
    {"logout_uris", K::StringList, false, "Sign-out (post-logout) redirect URIs registered at the IdP"},
    {"import", K::String, false, kImportDoc},
};
constexpr Object kClient{"client", kClientFields};

const Field kProviderFields[] = {
    {"name", K::String, false, "Display name used in reports"},
    {"kind", K::Enum, true, "Which IdP this is; selects its error wording and quirks", nullptr, kProviderKinds},
    {"metadata_url", K::String, false, "OpenID Connect discovery document URL (required unless posit-connect)"},
    {"username_claim", K::String, false, "Claim whose value must equal the platform username"},
    {"scopes", K::StringList, false, "Scopes the platform requests"},
    {"audience", K::Enum, false, "Entra sign-in audience of the app registration", nullptr, kAudiences},
    {"secret_allowed_hosts", K::StringList, false,
     "preflight: hosts besides the issuer's that may receive the client secret (token endpoint elsewhere)"},
    {"web_client", K::Object, false, "Confidential web client (OutSystems: the Consoles app)", &kClient},
    {"desktop_client", K::Object, false, "Public client for desktop/dev tools (PKCE)", &kClient},
};
constexpr Object kProvider{"provider", kProviderFields};

constexpr Field kVersionFields[] = {
    {"platform_server", K::Version, false, "Platform Server version of the environment"},
    {"lifetime", K::Version, false, "LifeTime version (LifeTime environment only)"},
};
constexpr Object kVersions{"versions", kVersionFields};

constexpr Field kProxyFields[] = {
    {"address", K::String, false, "Proxy URL, e.g. http://proxy.acme.com:3128 (required unless machine_config)"},
    {"bypass", K::StringList, false, "Hosts that bypass the proxy"},
    {"machine_config", K::String, false,
     "The server's .NET machine.config instead of address/bypass: system.net/defaultProxy is read from it"},
};
constexpr Object kProxy{"proxy", kProxyFields};

constexpr Field kEnvironmentFields[] = {
    {"name", K::String, true, "Environment name"},
    {"url", K::String, true, "Base URL of the environment (or Connect server)"},
    {"role", K::Enum, false, "lifetime for the LifeTime environment; environment otherwise", nullptr, kRoles},
    {"versions", K::Object, false, "Installed component versions", &kVersions},
    {"proxy", K::Proxy, false, "Outbound proxy this environment uses, or the word none", &kProxy},
};
constexpr Object kEnvironment{"environment", kEnvironmentFields};

constexpr Field kToolFields[] = {
    {"service_studio", K::Version, false, "Service Studio version in use"},
    {"integration_studio", K::Version, false, "Integration Studio version in use"},
    {"factory_configuration", K::Version, false, "Factory Configuration version installed"},
};
constexpr Object kTools{"tools", kToolFields};

constexpr Field kUserFields[] = {
    {"username", K::String, true, "Username as stored in the platform"},
    {"claims", K::StringMap, false, "Claims the IdP sends for this user"},
};
constexpr Object kUser{"user", kUserFields};

const Field kIntegrationProviderFields[] = {
    {"kind", K::Enum, false, "Which IdP a custom integration talks to (templates imply it)", nullptr, kProviderKinds},
    {"metadata_url", K::String, false, "Discovery document URL"},
    {"auth_url", K::String, false, "Authorization endpoint (when there is no discovery document)"},
    {"token_url", K::String, false, "Token endpoint (when there is no discovery document)"},
    {"secret_allowed_hosts", K::StringList, false,
     "preflight: hosts besides the issuer's that may receive the client secret (token endpoint elsewhere)"},
};
constexpr Object kIntegrationProvider{"integration_provider", kIntegrationProviderFields};

const Field kIntegrationFields[] = {
    {"name", K::String, true, "Integration name as shown in Connect"},
    {"template", K::Enum, true, "Connect integration template", nullptr, kTemplates},
    {"provider", K::Object, false, "IdP behind the integration", &kIntegrationProvider},
    {"auth_url", K::String, false, "Authorization endpoint (when there is no discovery document)"},
    {"token_url", K::String, false, "Token endpoint (when there is no discovery document)"},
    {"client_id", K::String, true, "Client id registered at the IdP"},
    {"client_secret", K::String, false, "Secret reference: ${env:NAME} or ${file:path}"},
    {"secret_expires", K::Date, false, "Expiry date of the secret (YYYY-MM-DD)"},
    {"scopes", K::StringList, false, "Scopes the integration requests"},
    {"grant_types", K::StringList, false, "Grant types enabled for the client at the IdP"},
    {"redirect_uris", K::StringList, false, "Redirect URIs registered at the IdP today"},
    {"import", K::String, false, kImportDoc},
    {"app_type", K::Enum, false, "GitHub only: oauth-app or github-app", nullptr, kAppTypes},
    {"content", K::StringList, false, "GUIDs of the content items the integration is associated with"},
};
constexpr Object kIntegration{"integration", kIntegrationFields};

constexpr Field kAppFields[] = {
    {"redirect_path", K::String, false, "Path of the app's sign-in callback, e.g. /signin-oidc"},
    {"logout_path", K::String, false, "Path of the app's post-logout callback"},
};
constexpr Object kApp{"app", kAppFields};

constexpr std::string_view kFailOn[] = {"error", "warning", "info", "never"};
constexpr Field kLintFields[] = {
    {"ignore", K::StringList, false, "Rule IDs or names to suppress everywhere (reported as suppressed)"},
    {"severity", K::StringMap, false, "Per-rule severity override: ID or name -> error | warning | info"},
    {"fail_on", K::Enum, false, "Default for --fail-on", nullptr, kFailOn},
    {"require_reason", K::Boolean, false, "Inline suppressions must give a reason after --"},
};
constexpr Object kLint{"lint", kLintFields};

constexpr Field kRootFields[] = {
    {"version", K::Integer, true, "Config format version; always 1"},
    {"platform", K::Enum, true, "The platform signing users in", nullptr, kPlatforms},
    {"provider", K::Object, false, "The identity provider (required unless posit-connect)", &kProvider},
    {"environments", K::ObjectList, true, "Every environment of the infrastructure", &kEnvironment},
    {"tools", K::Object, false, "Development tool versions (OutSystems)", &kTools},
    {"oidc_activated_with_lifetime", K::Version, false, "LifeTime version OIDC was activated with"},
    {"users", K::ObjectList, false, "Sample users: platform username and the claims the IdP sends", &kUser},
    {"integrations", K::ObjectList, false, "Posit Connect OAuth integrations", &kIntegration},
    {"app", K::Object, false, "Generic platform: where the app receives callbacks", &kApp},
    {"lint", K::Object, false, "Settings of oidc-doctor itself (else .oidc-doctor.yaml is looked for)", &kLint},
};
constexpr Object kRoot{"config", kRootFields};

constexpr Field kSettingsFields[] = {
    {"lint", K::Object, true, "Settings of oidc-doctor", &kLint},
};
constexpr Object kSettingsRoot{"settings", kSettingsFields};

nlohmann::ordered_json field_schema(const Field& f);

nlohmann::ordered_json object_schema(const Object& o) {
  nlohmann::ordered_json j{{"type", "object"}, {"additionalProperties", false}};
  nlohmann::ordered_json props = nlohmann::ordered_json::object();
  nlohmann::ordered_json req = nlohmann::ordered_json::array();
  for (auto& f : o.fields) {
    props[std::string(f.key)] = field_schema(f);
    if (f.required) req.push_back(std::string(f.key));
  }
  j["properties"] = props;
  if (!req.empty()) j["required"] = req;
  return j;
}

nlohmann::ordered_json field_schema(const Field& f) {
  nlohmann::ordered_json j;
  j["description"] = std::string(f.doc);
  switch (f.kind) {
    case K::String: j["type"] = "string"; break;
    case K::Integer: j["type"] = "integer"; break;
    case K::Boolean: j["type"] = "boolean"; break;
    case K::Date:
      j["type"] = "string";
      j["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
      break;
    case K::Version:
      j["type"] = "string";
      j["pattern"] = "^v?[0-9]+(\\.[0-9]+)*$";
      break;
    case K::Enum: {
      j["type"] = "string";
      auto e = nlohmann::ordered_json::array();
      for (auto v : f.values) e.push_back(std::string(v));
      j["enum"] = e;
      break;
    }
    case K::StringList:
      j["type"] = "array";
      j["items"] = {{"type", "string"}};
      break;
    case K::Object: j.update(object_schema(*f.object)); break;
    case K::ObjectList:
      j["type"] = "array";
      j["items"] = object_schema(*f.object);
      break;
    case K::StringMap:
      j["type"] = "object";
      j["additionalProperties"] = {{"type", "string"}};
      break;
    case K::Proxy: {
      auto obj = object_schema(*f.object);
      j["oneOf"] = nlohmann::ordered_json::array({{{"const", "none"}}, obj});
      break;
    }
  }
  return j;
}
}  // namespace

namespace {
std::string kind_name(const Field& f) {
  switch (f.kind) {
    case K::String: return "string";
    case K::Integer: return "integer";
    case K::Boolean: return "true \\| false";
    case K::Date: return "date YYYY-MM-DD";
    case K::Version: return "version";
    case K::Enum: {
      std::string s;
      for (auto v : f.values) s += (s.empty() ? "" : " \\| ") + std::string(v);
      return s;
    }
    case K::StringList: return "list of strings";
    case K::Object: return "mapping";
    case K::ObjectList: return "list of mappings";
    case K::StringMap: return "mapping of strings";
    case K::Proxy: return "`none` or mapping";
  }
  return "";
}

void markdown_rows(const Object& o, const std::string& prefix, std::string& out) {
  for (auto& f : o.fields) {
    std::string path = prefix + std::string(f.key);
    out +=
        "| `" + path + "` | " + kind_name(f) + " | " + (f.required ? "yes" : "") + " | " + std::string(f.doc) + " |\n";
    if (f.object) markdown_rows(*f.object, path + (f.kind == K::ObjectList ? "[]." : "."), out);
  }
}
}  // namespace

std::string markdown_reference() {
  std::string out = "| key | type | required | meaning |\n|---|---|---|---|\n";
  markdown_rows(kRoot, "", out);
  return out;
}

const Field* Object::find(std::string_view key) const {
  for (auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

const Object& root() { return kRoot; }
const Object& settings_root() { return kSettingsRoot; }

std::string json_schema() {
  nlohmann::ordered_json j{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                           {"$id", "https://oidc-doctor.dev/schema/config-1.json"},
                           {"title", "oidc-doctor configuration"}};
  j.update(object_schema(kRoot));
  // What the loader requires per platform (a table row cannot say "required unless").
  j["allOf"] = nlohmann::ordered_json::array(
      {{{"if", {{"properties", {{"platform", {{"const", "posit-connect"}}}}}}},
        {"then", {{"required", {"integrations"}}}},
        {"else",
         {{"required", {"provider"}},
          {"properties", {{"provider", {{"required", {"metadata_url", "web_client"}}}}}}}}}});
  return dump_json(j, 2) + "\n";
}

}  // namespace od::schema
