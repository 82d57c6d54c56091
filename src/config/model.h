// The in-memory config: every value remembers where it was written so findings can point at it.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace od {

namespace imports {
struct App;  // imports/app.h
}

struct Pos {
  int line = 0;  // 1-based; 0 = unknown
  int column = 0;
  int source = 0;  // 0: the config file; n: Config::sources[n - 1] (an imported export)
  bool known() const { return line > 0; }
};

template <class T>
struct Located {
  T value{};
  Pos pos{};
};
using LStr = Located<std::string>;

// A list as written: where its key is and where each item is.
struct LList {
  Pos key;
  std::vector<LStr> items;
  bool trailing_wildcards = false;  // the provider honours a trailing * (providers::trailing_wildcard_matches)
  bool contains(std::string_view v) const {
    for (auto& i : items)
      if (i.value == v) return true;
    return false;
  }
};

struct Secret {
  enum class Source { Literal, Env, File };
  Source source = Source::Literal;
  std::string reference;             // "env:NAME" / "file:path"; empty for a literal
  std::optional<std::string> value;  // resolved text; NEVER printed
  Pos key;                           // the client_secret key
  Pos pos;                           // the value
};

struct Client {
  enum class Role { Web, Desktop, Integration };
  Role role = Role::Web;
  std::string id;             // "web_client", "desktop_client", "integration:Snowflake"
  std::string label;          // "web client", "desktop client", "integration 'Snowflake'"
  Pos pos;                    // the client's key or list entry
  std::string provider_kind;  // entra, okta, ... (integrations: from template or provider.kind)
  std::string template_name;  // posit integrations only
  std::optional<LStr> metadata_url;
  std::optional<LList> secret_allowed_hosts;  // preflight: token endpoint hosts that may get the secret
  std::optional<LList> scopes;                // for OutSystems/generic these are the provider's scopes
  Pos scopes_owner;                           // where to point when scopes are absent
  std::optional<LStr> client_id;
  std::optional<Secret> secret;
  std::optional<Located<Date>> secret_expires;
  std::optional<LList> grant_types;
  std::optional<LList> redirect_uris;
  std::optional<LList> logout_uris;
  std::optional<LStr> app_type;
  std::optional<LList> content;
  Pos content_key;
  std::optional<LStr> import_ref;                // `import:` as written (relative to the config)
  std::shared_ptr<const imports::App> imported;  // from `import:`; its values are merged above
};

struct Proxy {
  // System: machine.config defers to the Windows proxy settings, which no file shows.
  enum class State { Absent, None, Set, System };
  State state = State::Absent;
  Pos key;
  LStr address;
  std::optional<LList> bypass;
  std::optional<Located<bool>> bypass_on_local;  // machine.config bypassonlocal
  std::optional<LStr> machine_config_ref;        // `machine_config:` as written
  std::string machine_config;                    // the machine.config it was read from, if any
};

struct Environment {
  LStr name;
  LStr url;
  Pos pos;  // the entry
  std::string role = "environment";
  std::map<std::string, LStr> versions;  // platform_server, lifetime
  bool has_versions = false;
  Proxy proxy;
  bool is_lifetime() const { return role == "lifetime"; }
};

struct User {
  LStr username;
  Pos pos;
  std::map<std::string, LStr> claims;
};

struct UnknownKey {
  std::string key;
  std::string path;        // e.g. "provider.web_client"
  std::string suggestion;  // may be empty
  Pos pos;
};

// Settings of the tool itself: a `lint:` section of the config, or a discovered .oidc-doctor.yaml.
struct LintSection {
  std::string file;  // where it was read
  Pos pos;
  std::vector<LStr> ignore;
  std::map<std::string, LStr> severity;  // rule ID or name -> error | warning | info
  std::optional<LStr> fail_on;
  bool require_reason = false;
};

struct Provider {
  std::string name;
  std::string kind;
  Pos pos;
  std::optional<LStr> metadata_url;
  std::optional<LStr> username_claim;
  std::optional<LList> scopes;
  std::optional<LStr> audience;
};

struct Config {
  std::string file;      // as given on the command line
  std::string base_dir;  // the config's folder: relative references start there
  std::string platform;
  Provider provider;
  bool has_provider = false;
  std::vector<Environment> environments;
  std::vector<Client> clients;
  std::map<std::string, LStr> tools;
  std::optional<LStr> oidc_activated_with_lifetime;
  std::vector<User> users;
  std::optional<LStr> redirect_path;  // generic platform: app.redirect_path
  std::optional<LStr> logout_path;
  std::vector<UnknownKey> unknown_keys;
  std::optional<LintSection> lint;
  std::string source;                // the file's text, for inline suppression comments
  std::vector<std::string> sources;  // files read besides the config (exports, machine.config)

  const Client* client(std::string_view id) const {
    for (auto& c : clients)
      if (c.id == id) return &c;
    return nullptr;
  }
};

}  // namespace od
