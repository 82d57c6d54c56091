#include "imports/apply.h"

#include <filesystem>

#include "imports/app.h"
#include "imports/machine_config.h"
#include "providers/provider.h"

namespace od::imports {

namespace {

namespace fs = std::filesystem;

Error at(const Config& cfg, Pos p, std::string msg) {
  return Error{cfg.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column), std::move(msg)};
}

// The file as findings name it (next to the config as the user gave it), and where to read it.
struct Paths {
  std::string display, read;
};
Paths paths(const Config& cfg, const std::string& value, const std::string& base_dir) {
  fs::path p(value);
  if (p.is_absolute()) return {p.lexically_normal().string(), p.string()};
  return {(fs::path(cfg.file).parent_path() / p).lexically_normal().string(), (fs::path(base_dir) / p).string()};
}

std::string article(std::string_view noun) {
  bool vowel = !noun.empty() && std::string_view("AEIOUaeiou").find(noun[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

int add_source(Config& cfg, const std::string& display) {
  cfg.sources.push_back(display);
  return static_cast<int>(cfg.sources.size());
}

void merge_list(std::optional<LList>& into, const std::vector<LStr>& items, Pos key) {
  if (!into) into = LList{key, {}};
  for (auto& item : items)
    if (!into->contains(item.value)) into->items.push_back(item);
}

// Which of an Entra app's secrets the platform uses: the one whose hint (the first three
// characters) matches the configured secret; without the secret, the one that lasts longest.
std::optional<Located<Date>> entra_secret_expiry(const App& app, const Client& c) {
  std::optional<Located<Date>> latest;
  for (auto& s : app.secrets) {
    if (!s.end) continue;
    if (c.secret && c.secret->value && !s.hint.empty() && c.secret->value->starts_with(s.hint)) return s.end;
    if (!latest || latest->value < s.end->value) latest = s.end;
  }
  return latest;
}

}  // namespace

std::optional<Error> merge_client(Config& cfg, Client& c, const std::optional<LStr>& import,
                                  const std::string& base_dir) {
  if (import) {
    auto p = paths(cfg, import->value, base_dir);
    std::error_code ec;
    if (!fs::is_regular_file(p.read, ec))
      return at(cfg, import->pos, "cannot read the export " + import->value + ": no such file");
    std::string want = c.client_id ? c.client_id->value : "";
    auto read = read_export(p.read, p.display, add_source(cfg, p.display), want);
    if (!read) return read.error();
    App& app = *read;
    app.import_key = import->pos;

    std::string_view from = format_provider(app.format);
    if (c.provider_kind != from && c.provider_kind != "generic")
      return at(cfg, import->pos,
                import->value + " is " + article(format_name(app.format)) + ", but the " + c.label + " talks to " +
                    c.provider_kind + "; import an export of that IdP");
    if (c.client_id && c.client_id->value != app.client_id.value)
      return at(cfg, c.client_id->pos,
                "`client_id` is " + c.client_id->value + " but " + import->value + " is for client " +
                    app.client_id.value + "; import the export of this client");

    std::vector<LStr> redirects;
    for (auto& u : app.redirect_uris) redirects.push_back(u.uri);
    merge_list(c.redirect_uris, redirects, import->pos);
    merge_list(c.logout_uris, app.logout_uris, import->pos);
    if (app.grant_types) merge_list(c.grant_types, app.grant_types->items, import->pos);
    if (!c.secret_expires) c.secret_expires = from == "entra" ? entra_secret_expiry(app, c) : app.secret_expires;
    // The app registration knows its audience; a value written in the config wins.
    if (from == "entra" && app.sign_in_audience && c.role != Client::Role::Integration && !cfg.provider.audience)
      cfg.provider.audience = LStr{app.sign_in_audience->value == "AzureADMyOrg" ? "single-tenant" : "multi-tenant",
                                   app.sign_in_audience->pos};
    c.imported = std::make_shared<const App>(std::move(app));
  }
  bool wildcards = providers::info(c.provider_kind).trailing_wildcard_redirects ||
                   (c.imported && providers::info(format_provider(c.imported->format)).trailing_wildcard_redirects);
  if (wildcards) {
    if (c.redirect_uris) c.redirect_uris->trailing_wildcards = true;
    if (c.logout_uris) c.logout_uris->trailing_wildcards = true;
  }
  return std::nullopt;
}

std::optional<Error> apply_machine_config(Config& cfg, Proxy& proxy, const LStr& machine_config,
                                          const std::string& base_dir) {
  auto p = paths(cfg, machine_config.value, base_dir);
  std::error_code ec;
  if (!fs::is_regular_file(p.read, ec))
    return at(cfg, machine_config.pos, "cannot read the machine.config " + machine_config.value + ": no such file");
  auto mp = read_machine_config(p.read, p.display, add_source(cfg, p.display));
  if (!mp) return mp.error();
  proxy.machine_config = p.display;
  proxy.bypass_on_local = mp->bypass_on_local;
  switch (mp->mode) {
    case MachineProxy::Mode::Direct: proxy.state = Proxy::State::None; break;
    case MachineProxy::Mode::System: proxy.state = Proxy::State::System; break;
    case MachineProxy::Mode::Explicit:
      proxy.state = Proxy::State::Set;
      proxy.address = mp->address;
      proxy.bypass = LList{mp->where, mp->bypass};
      break;
  }
  return std::nullopt;
}

}  // namespace od::imports
