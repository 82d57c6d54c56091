// `oidc-doctor init`: a starter config for a platform and a provider. Each key's comment is the
// schema table's own description (config/schema.cpp), so the starter and the loader cannot
// disagree; the URIs the platform sends come from the platform profile, through a first draft
// that is loaded like any config.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "config/schema.h"
#include "core/text.h"
#include "core/uri.h"
#include "imports/app.h"
#include "imports/load.h"
#include "platforms/platform.h"
#include "providers/provider.h"

namespace od::app {

namespace {

// The schema field at a dotted path ("provider.web_client.client_id"; list items by their key).
const schema::Field* field(std::string_view path) {
  const schema::Object* obj = &schema::root();
  const schema::Field* f = nullptr;
  while (!path.empty()) {
    size_t dot = path.find('.');
    f = obj ? obj->find(path.substr(0, dot)) : nullptr;
    if (!f) return nullptr;
    obj = f->object;
    path = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  }
  return f;
}

std::string describe(std::string_view path) {
  const schema::Field* f = field(path);
  if (!f) return "";
  std::string s(f->doc);
  if (!f->values.empty()) {
    std::vector<std::string> v(f->values.begin(), f->values.end());
    s += ": " + join(v, " | ");
  }
  if (f->required) s += " (required)";
  return s;
}

// A YAML scalar: plain when it cannot be read as anything else, else a JSON string (which YAML
// reads as a double-quoted scalar).
std::string scalar(std::string_view v) {
  bool plain = !v.empty() && v.find(": ") == std::string_view::npos && v.find(" #") == std::string_view::npos &&
               std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v.front()) == std::string_view::npos && v.back() != ':';
  for (char c : v)
    if (static_cast<unsigned char>(c) < 0x20) plain = false;
  static constexpr std::string_view kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "~"};
  for (auto w : kWords)
    if (iequals(v, w)) plain = false;
  if (plain && v.find_first_not_of("0123456789.+-eE_") == std::string_view::npos) plain = false;
  return plain ? std::string(v) : nlohmann::json(std::string(v)).dump();
}

std::string flow_list(const std::vector<std::string>& items) {
  std::vector<std::string> q;
  for (auto& i : items) q.push_back(scalar(i));
  return "[" + join(q, ", ") + "]";
}

class Writer {
 public:
  std::string out;

  void note(int indent, std::string_view text) {
    // Wrapped at about 100 columns, on word boundaries.
    std::string pad(indent, ' ');
    std::string line;
    size_t at = 0;
    while (at < text.size()) {
      size_t sp = text.find(' ', at);
      std::string_view word = text.substr(at, sp == std::string_view::npos ? std::string_view::npos : sp - at);
      if (!line.empty() && pad.size() + 2 + line.size() + 1 + word.size() > 100) {
        out += pad + "# " + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + std::string(word);
      if (sp == std::string_view::npos) break;
      at = sp + 1;
    }
    if (!line.empty()) out += pad + "# " + line + "\n";
  }
  // `key: value` with the schema's description of `path` above it; `off` writes it commented out.
  void key(int indent, std::string_view path, std::string_view value, bool off = false, std::string_view extra = {}) {
    std::string d = describe(path);
    if (!extra.empty()) d += (d.empty() ? "" : ". ") + std::string(extra);
    if (!d.empty()) note(indent, d);
    std::string k(path.substr(path.rfind('.') == std::string_view::npos ? 0 : path.rfind('.') + 1));
    out +=
        std::string(indent, ' ') + (off ? "# " : "") + k + ":" + (value.empty() ? "" : " " + std::string(value)) + "\n";
  }
  void item(int indent, std::string_view value, bool off = false) {
    out += std::string(indent, ' ') + (off ? "# " : "") + "- " + std::string(value) + "\n";
  }
  void blank() { out += "\n"; }
};

// What an export says about the client it holds, for the starter.
struct FromExport {
  imports::App app;
  std::string provider;  // entra | okta | keycloak
  bool public_client = false;
};

bool is_public(const imports::App& a) {
  if (a.public_client && a.public_client->value) return true;
  if (a.application_type && (a.application_type->value == "native" || a.application_type->value == "browser"))
    return true;
  if (a.fallback_public_client && a.fallback_public_client->value) return true;
  if (a.redirect_uris.empty()) return false;
  for (auto& u : a.redirect_uris)
    if (u.platform != imports::UriPlatform::PublicClient) return false;
  return true;
}

std::string env_name_from_host(const std::string& host) {
  std::string first = host.substr(0, host.find('.'));
  return first.empty() ? host : first;
}

struct Draft {
  std::string platform;
  const providers::ProviderInfo* provider = nullptr;
  std::vector<std::pair<std::string, std::string>> environments;
  const FromExport* exported = nullptr;
  std::string export_path;  // relative to the config, for the `import:` hint
  // The URIs the platform sends, per client id ("web_client", "desktop_client", "integration:NAME").
  std::map<std::string, std::vector<std::string>> sign_in, sign_out;
};

std::string integration_name(const providers::ProviderInfo& p) { return std::string(p.display) + " integration"; }

void write_client_lists(Writer& w, const Draft& d, int in, const std::string& path, const std::string& id,
                        bool has_logout, const imports::App* app) {
  auto list = [&](std::string_view key, const std::vector<std::string>& registered,
                  const std::vector<std::string>& sends) {
    std::string p = path + "." + std::string(key);
    if (!registered.empty()) {
      w.key(in, p, "", false,
            "From the export; `oidc-doctor redirect-uris` compares them with what the platform sends");
      for (auto& u : registered) w.item(in + 2, scalar(u));
      return;
    }
    if (sends.empty()) {
      w.key(in, p, "[]", true);
      return;
    }
    w.key(in, p, "", true,
          "The platform sends these: uncomment the ones that are (`oidc-doctor redirect-uris` "
          "says where each goes)");
    for (auto& u : sends) w.item(in + 2, scalar(u), true);
  };
  std::vector<std::string> reg_in, reg_out;
  if (app) {
    for (auto& u : app->redirect_uris) reg_in.push_back(u.uri.value);
    for (auto& u : app->logout_uris) reg_out.push_back(u.value);
  }
  auto get = [](const std::map<std::string, std::vector<std::string>>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::vector<std::string>{} : it->second;
  };
  list("redirect_uris", reg_in, get(d.sign_in, id));
  if (has_logout) list("logout_uris", reg_out, get(d.sign_out, id));
}

std::string latest_secret_end(const imports::App& a) {
  std::optional<Date> best;
  for (auto& s : a.secrets)
    if (s.end && (!best || best->days < s.end->value.days)) best = s.end->value;
  if (a.secret_expires && (!best || best->days < a.secret_expires->value.days)) best = a.secret_expires->value;
  return best ? best->str() : "";
}

void write_client(Writer& w, const Draft& d, const std::string& role, bool confidential, const imports::App* app) {
  const std::string path = "provider." + role;
  const std::string upper = role == "web_client" ? "WEB" : "DESKTOP";
  w.key(2, path, "");
  w.key(4, path + ".client_id", app ? scalar(app->client_id.value) : upper + "-CLIENT-ID");
  if (confidential)
    w.key(4, path + ".client_secret", "${env:OIDC_" + upper + "_CLIENT_SECRET}", false,
          "Set the variable before `lint`, or lint with --no-resolve-secrets");
  else
    w.key(4, path + ".client_secret", "${env:NAME}", true, "A public client (PKCE) has none");
  std::string end = app ? latest_secret_end(*app) : "";
  w.key(4, path + ".secret_expires", end.empty() ? "YYYY-MM-DD" : end, end.empty());
  if (app && app->grant_types) {
    std::vector<std::string> g;
    for (auto& i : app->grant_types->items) g.push_back(i.value);
    w.key(4, path + ".grant_types", flow_list(g));
  } else {
    w.key(4, path + ".grant_types", "[authorization_code, refresh_token]");
  }
  write_client_lists(w, d, 4, path, role, true, app);
  w.key(4, path + ".import", d.export_path.empty() ? "EXPORT.json" : scalar(d.export_path), true,
        app ? "The export these values were copied from; importing it instead keeps them current" : "");
}

std::string render(const Draft& d) {
  const providers::ProviderInfo& p = *d.provider;
  const bool posit = d.platform == "posit-connect";
  const imports::App* app = d.exported ? &d.exported->app : nullptr;
  Writer w;
  w.note(0, fmt::format("oidc-doctor config: {} signing in with {}, written by `oidc-doctor init`.", d.platform,
                        p.display));
  w.note(0,
         "Values in CAPITALS are placeholders to replace; keys commented out are optional. Each comment is the "
         "schema's description of its key. Check the file with `oidc-doctor lint FILE`; `oidc-doctor redirect-uris "
         "FILE` prints what to register at the IdP.");
  if (app) w.note(0, "Filled from " + std::string(imports::format_name(app->format)) + " `" + app->file + "`.");
  w.blank();
  w.key(0, "version", "1");
  w.key(0, "platform", d.platform);
  w.blank();

  auto scopes = [&](bool oidc) {
    std::vector<std::string> s;
    if (oidc) s = {"openid", "profile", "email"};
    // The starter asks for refresh tokens (grant_types below), so it requests the provider's scope for them.
    if (auto r = providers::refresh_scope(p.kind)) s.push_back(std::string(*r));
    return flow_list(s);
  };

  if (!posit) {
    const bool confidential_web = !(d.exported && d.exported->public_client);
    w.key(0, "provider", "");
    w.key(2, "provider.name", scalar(app && !app->name.empty() ? app->name : std::string(p.display)));
    w.key(2, "provider.kind", std::string(p.kind));
    w.key(2, "provider.metadata_url", std::string(p.metadata_url_example));
    w.key(2, "provider.username_claim", std::string(p.username_claim));
    w.key(2, "provider.scopes", scopes(true));
    if (p.kind == "entra") {
      std::string audience;
      if (app && app->sign_in_audience)
        audience = app->sign_in_audience->value == "AzureADMyOrg" ? "single-tenant" : "multi-tenant";
      w.key(2, "provider.audience", audience.empty() ? "single-tenant" : audience, audience.empty());
    }
    w.key(2, "provider.secret_allowed_hosts", "[]", true);
    const imports::App* web_app = app && confidential_web ? app : nullptr;
    const imports::App* desktop_app = app && !confidential_web ? app : nullptr;
    write_client(w, d, "web_client", true, web_app);
    if (d.platform == "outsystems") {
      write_client(w, d, "desktop_client", false, desktop_app);
    } else {
      w.key(2, "provider.desktop_client", "", true, "Not used by a generic web app");
    }
    w.blank();
  } else {
    w.key(0, "provider", "", true,
          "On Posit Connect: the IdP of Connect's own sign-in, with name, kind and metadata_url");
    w.blank();
  }

  w.key(0, "environments", "");
  for (auto& [name, url] : d.environments) {
    bool lifetime = d.platform == "outsystems" && iequals(name, "lifetime");
    w.note(2, describe("environments.name"));
    w.out += "  - name: " + scalar(name) + "\n";
    w.key(4, "environments.url", scalar(url));
    if (d.platform == "outsystems") {
      w.key(4, "environments.role", lifetime ? "lifetime" : "environment", !lifetime);
      w.key(4, "environments.versions",
            lifetime ? "{ platform_server: X.Y.Z, lifetime: X.Y.Z }" : "{ platform_server: X.Y.Z }", true);
    }
    w.key(4, "environments.proxy", "none", true, "Or a mapping with address and bypass, or with machine_config");
  }
  w.blank();

  if (d.platform == "outsystems") {
    w.key(0, "tools", "{ service_studio: X.Y.Z, integration_studio: X.Y.Z, factory_configuration: X.Y.Z }", true);
    w.key(0, "oidc_activated_with_lifetime", "X.Y.Z", true);
  }
  if (d.platform == "generic") {
    w.key(0, "app", "");
    w.key(2, "app.redirect_path", "/signin-oidc", false, "Change it to your app's");
    w.key(2, "app.logout_path", "/signout-callback-oidc");
  }
  if (posit) {
    const std::string name = integration_name(p);
    const std::string path = "integrations";
    auto tmpl = p.templates.empty() ? std::string_view("custom") : p.templates.front();
    const bool oauth_only = p.metadata_url_example.empty();
    w.key(0, "integrations", "");
    w.note(2, describe("integrations.name"));
    w.out += "  - name: " + scalar(name) + "\n";
    w.key(4, "integrations.template", std::string(tmpl));
    w.key(4, "integrations.provider", "");
    w.key(6, "integrations.provider.kind", std::string(p.kind));
    if (oauth_only) {
      w.key(6, "integrations.provider.auth_url", std::string(p.auth_url_example));
      w.key(6, "integrations.provider.token_url", std::string(p.token_url_example));
    } else {
      w.key(6, "integrations.provider.metadata_url", std::string(p.metadata_url_example));
    }
    w.key(4, "integrations.client_id", app ? scalar(app->client_id.value) : "CLIENT-ID");
    w.key(4, "integrations.client_secret", "${env:OIDC_INTEGRATION_SECRET}", false,
          "Set the variable before `lint`, or lint with --no-resolve-secrets");
    std::string end = app ? latest_secret_end(*app) : "";
    w.key(4, "integrations.secret_expires", end.empty() ? "YYYY-MM-DD" : end, end.empty());
    w.key(4, "integrations.scopes", scopes(!oauth_only));
    w.key(4, "integrations.grant_types", "[authorization_code, refresh_token]", !app || !app->grant_types);
    write_client_lists(w, d, 4, path, "integration:" + name, false, app);
    w.key(4, "integrations.import", d.export_path.empty() ? "EXPORT.json" : scalar(d.export_path), true);
    if (p.kind == "github") w.key(4, "integrations.app_type", "github-app");
    w.key(4, "integrations.content", "[GUID]", true);
  }
  w.blank();
  w.key(0, "users", "", true);
  w.out += "#   - username: USERNAME\n#     claims: { " + std::string(p.username_claim) + ": USERNAME }\n";
  w.key(0, "lint", "", true);
  w.out += "#   fail_on: error\n";
  return w.out;
}

}  // namespace

std::span<const std::string_view> platform_names() { return schema::root().find("platform")->values; }

Expected<std::vector<std::pair<std::string, std::string>>> parse_environments(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string_view part = text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string name(part.substr(0, eq)), url(eq == std::string_view::npos ? "" : part.substr(eq + 1));
      auto u = Uri::parse(url);
      if (name.empty() || !u || !u->is_http() || u->host.empty())
        return Error{"--environments",
                     "expects NAME=URL pairs separated by commas (lifetime=https://lt.example.com,dev=https://dev."
                     "example.com); `" +
                         printable(part) + "` is not one"};
      for (auto& [n, _] : out)
        if (n == name) return Error{"--environments", "names `" + name + "` twice"};
      out.emplace_back(std::move(name), std::move(url));
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  if (out.empty()) return Error{"--environments", "names no environment"};
  return out;
}

Expected<std::string> init_config(const InitOptions& o) {
  auto names = platform_names();
  if (std::find(names.begin(), names.end(), o.platform) == names.end()) {
    std::vector<std::string> v(names.begin(), names.end());
    return Error{"--platform", "expects one of " + join(v, ", ") + ", got `" + printable(o.platform) + "`"};
  }
  std::optional<FromExport> exported;
  Draft d;
  d.platform = o.platform;
  if (!o.from_export.empty()) {
    auto app = imports::read_export(o.from_export, o.from_export, 1, o.client_id);
    if (!app) {
      Error e = app.error();
      if (e.message.find("name the one to use") != std::string::npos) e.message += "; give it with --client-id";
      return e;
    }
    exported = FromExport{std::move(*app), "", false};
    exported->provider = std::string(imports::format_provider(exported->app.format));
    exported->public_client = is_public(exported->app);
    if (!o.provider.empty() && o.provider != exported->provider)
      return Error{o.from_export, "is an export of " + std::string(providers::info(exported->provider).display) +
                                      ", not of " + o.provider + " (--provider)"};
    d.exported = &*exported;
    // The export's path as the config will see it.
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path base =
        o.output.empty() || o.output == "-" ? fs::current_path(ec) : fs::absolute(o.output, ec).parent_path();
    fs::path rel = fs::absolute(o.from_export, ec).lexically_relative(base);
    d.export_path = rel.empty() ? o.from_export : rel.generic_string();
  }
  std::string kind = exported ? exported->provider : o.provider;
  d.provider = providers::find(kind);
  if (!d.provider) {
    auto kinds = providers::kinds();
    std::vector<std::string> v(kinds.begin(), kinds.end());
    return Error{"--provider",
                 "expects one of " + join(v, ", ") + ", got `" + printable(kind) + "`" +
                     (did_you_mean(kind, kinds).empty() ? "" : " (did you mean `" + did_you_mean(kind, kinds) + "`?)")};
  }
  if (d.provider->metadata_url_example.empty() && o.platform != "posit-connect")
    return Error{"--provider", std::string(d.provider->display) +
                                   " offers OAuth 2.0 without OpenID Connect discovery, so " + o.platform +
                                   " cannot sign users in with it; it serves Posit Connect OAuth integrations "
                                   "(--platform posit-connect)"};
  d.environments = o.environments;
  if (d.environments.empty() && exported) {
    // One environment per origin the export's redirect URIs name, leaving out the platform's own hosts.
    auto extra = platform_for(o.platform).extra_hosts();
    for (auto& r : exported->app.redirect_uris) {
      auto u = Uri::parse(r.uri.value);
      if (!u || !u->is_http() || u->host.empty()) continue;
      if (std::find(extra.begin(), extra.end(), u->host) != extra.end()) continue;
      std::string origin = u->origin();
      bool seen = false;
      for (auto& [_, url] : d.environments) seen = seen || url == origin;
      if (seen) continue;
      std::string name = env_name_from_host(u->host);
      for (auto& [n, _] : d.environments)
        if (n == name) name = u->host;
      d.environments.emplace_back(name, origin);
    }
  }
  if (d.environments.empty())
    return Error{"--environments", exported ? "the export names no environment URL; give them as NAME=URL,NAME=URL"
                                            : "is missing: give the environments as NAME=URL,NAME=URL"};

  // First draft, loaded like any config, tells what the platform sends for each client.
  std::string first = render(d);
  auto cfg = load_config_text(first, "init", ".", {.resolve_secrets = false});
  if (!cfg) return Error{"init", "the starter does not load (a bug: please report it): " + cfg.error().str()};
  const Platform& platform = platform_for(cfg->platform);
  for (auto& c : cfg->clients) {
    for (auto& u : platform.redirect_uris(*cfg, c))
      if (std::find(d.sign_in[c.id].begin(), d.sign_in[c.id].end(), u.uri) == d.sign_in[c.id].end())
        d.sign_in[c.id].push_back(u.uri);
    for (auto& u : platform.logout_uris(*cfg, c))
      if (std::find(d.sign_out[c.id].begin(), d.sign_out[c.id].end(), u.uri) == d.sign_out[c.id].end())
        d.sign_out[c.id].push_back(u.uri);
  }
  return render(d);
}

}  // namespace od::app
