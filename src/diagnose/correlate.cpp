#include "diagnose/correlate.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalogue/catalogue.h"
#include "core/text.h"
#include "core/uri.h"
#include "platforms/platform.h"

namespace od::diagnose {

namespace {

std::string loc(const std::string& file, Pos p) {
  return p.known() ? fmt::format("{}:{}:{}", file, p.line, p.column) : std::string();
}

std::string env_phrase(const std::string& env) { return env.empty() ? "" : " of environment `" + env + "`"; }

std::string client_phrase(const Client& c) {
  return c.client_id && !c.client_id->value.empty() ? c.label + " (client id " + c.client_id->value + ")" : c.label;
}

Pos list_pos(const Client& c) { return c.redirect_uris && c.redirect_uris->key.known() ? c.redirect_uris->key : c.pos; }

// Why a near miss happens, in the words an administrator can act on.
std::string hint(const std::vector<std::string>& diffs) {
  std::vector<std::string> out;
  for (auto& d : diffs) {
    if (d.starts_with("http instead of"))
      out.push_back(
          "the app built the URI with http, which happens behind a reverse proxy or load balancer that "
          "terminates TLS without telling the app (X-Forwarded-Proto); fix the proxy headers or the "
          "app's external URL rather than registering an http URI");
    else if (d.starts_with("https instead of"))
      out.push_back("the app sends https where http is expected; the config's environment URL may be outdated");
    else if (d.find("trailing slash") != std::string::npos)
      out.push_back("a trailing slash differs and IdPs compare redirect URIs character by character");
    else if (d.find("case differs") != std::string::npos)
      out.push_back("letter case differs; the path comparison is case-sensitive");
    else if (d.starts_with("port") || d.starts_with("explicit default port"))
      out.push_back("the port differs; the app is reached through a non-default port or a proxy that adds one");
  }
  return out.empty() ? "" : "; " + join(out, "; ");
}

ConfigItem from_finding(const Finding& f) {
  return {f.environment, f.client, f.message,
          f.location.pos.known() ? fmt::format("{}:{}:{}", f.location.file, f.location.pos.line, f.location.pos.column)
                                 : std::string(),
          f.rule ? std::string(f.rule->id) : std::string()};
}

void push_unique(std::vector<ConfigItem>& items, ConfigItem item) {
  for (auto& i : items)
    if (i.message == item.message && i.location == item.location) return;
  items.push_back(std::move(item));
}

// The IdP (catalogue provider file) a diagnosis speaks for, or "" when it comes from a client
// library, an application or the generic OAuth codes. A platform entry that names the IdP in
// its id (posit-connect:azure-jwt-signature) speaks for that IdP's integrations.
std::string source_provider(const Diagnosis& d, const Config& cfg) {
  if (d.provider == cfg.platform && d.entry) {
    std::string_view code = d.entry->code;
    for (auto& c : cfg.clients) {
      if (c.template_name.empty()) continue;
      std::string_view slug = code.substr(code.find(':') + 1);
      if (slug.starts_with(c.template_name + "-") || slug.starts_with(c.template_name + "_")) return c.template_name;
    }
    return "";
  }
  if (provider_tier(d.provider, cfg.platform) != provider_tier("entra", cfg.platform)) return "";
  return d.provider;
}

bool speaks_for(const Client& c, std::string_view provider) {
  return !provider.empty() && (c.provider_kind == provider || c.template_name == provider);
}

// The clients of the config the error came from: those of the IdP that emitted it.
std::vector<const Client*> source_clients(const Config& cfg, std::string_view provider) {
  std::vector<const Client*> out;
  for (auto& c : cfg.clients)
    if (speaks_for(c, provider)) out.push_back(&c);
  return out;
}

std::string list_text(const std::optional<LList>& l) {
  if (!l || l->items.empty()) return "none";
  std::vector<std::string> v;
  for (auto& i : l->items) v.push_back(i.value);
  return join(v, ", ");
}

// What the client the error came from holds for the error's category: the URIs it registers,
// its scopes, its secret.
void point_at_client(std::vector<ConfigItem>& items, const Diagnosis& d, const Config& cfg, const Client& c) {
  const std::string& cat = d.category;
  if (cat == "redirect-uri-mismatch" || cat == "redirect-uri-missing" || cat == "redirect-uri-invalid") {
    std::vector<std::string> sent;
    for (auto& e : platform_for(cfg.platform).redirect_uris(cfg, c))
      if (std::find(sent.begin(), sent.end(), e.uri) == sent.end()) sent.push_back(e.uri);
    items.push_back(
        {"", c.id,
         fmt::format("the error comes from the {}: it registers {}; the platform sends {}", client_phrase(c),
                     list_text(c.redirect_uris), sent.empty() ? std::string("no URI") : join(sent, ", ")),
         loc(cfg.file, list_pos(c))});
  } else if (cat == "scope-invalid" || cat == "token-signature-invalid" || cat == "audience-mismatch" ||
             cat == "api-permission-missing" || cat == "resource-invalid") {
    items.push_back({"", c.id,
                     fmt::format("the error comes from the {}: its scopes are {}; they decide which API the token is "
                                 "issued for",
                                 client_phrase(c), list_text(c.scopes)),
                     loc(cfg.file, c.scopes && c.scopes->key.known() ? c.scopes->key : c.scopes_owner)});
  } else if (cat == "client-secret-invalid" || cat == "client-secret-expired" || cat == "client-auth-method") {
    std::string expiry = c.secret_expires ? " (recorded expiry " + c.secret_expires->value.str() + ")" : "";
    items.push_back({"", c.id,
                     fmt::format("the error comes from the {}: its client secret{} must be the current secret value "
                                 "at the IdP, not its secret ID, and not expired",
                                 client_phrase(c), expiry),
                     loc(cfg.file, c.secret ? c.secret->key : c.pos)});
  }
}

}  // namespace

std::vector<ConfigItem> explain_redirect_uri(const Config& cfg, const std::string& uri) {
  std::vector<ConfigItem> out;
  const Platform& platform = platform_for(cfg.platform);
  auto sent = Uri::parse(uri);
  if (!sent) return {{"", "", "`" + uri + "` is not a valid URI; the app sent a malformed redirect_uri", ""}};

  bool expected = false;
  for (auto& c : cfg.clients)
    for (auto& e : platform.redirect_uris(cfg, c)) {
      if (e.uri != uri) continue;
      expected = true;
      const LStr* reg = nullptr;
      if (c.redirect_uris)
        for (auto& r : c.redirect_uris->items)
          if (r.value == uri) reg = &r;
      if (reg)
        out.push_back({e.environment, c.id,
                       fmt::format("{} is the {} redirect URI{}; the config lists it on the {}, so the IdP's "
                                   "application differs from the config: check that exactly this URI is registered "
                                   "on that application at the IdP, and that the request used its client id",
                                   uri, e.purpose, env_phrase(e.environment), client_phrase(c)),
                       loc(cfg.file, reg->pos)});
      else {
        // A near miss in the registration is the usual reason; point at it when there is one.
        std::string instead;
        Pos where = list_pos(c);
        if (c.redirect_uris)
          for (auto& r : c.redirect_uris->items)
            if (auto have = Uri::parse(r.value); have && instead.empty())
              if (auto diffs = near_miss(*sent, *have)) {
                instead = fmt::format(" (the config registers {} instead: {})", r.value, join(*diffs, ", "));
                where = r.pos;
              }
        out.push_back({e.environment, c.id,
                       fmt::format("{} is the {} redirect URI{} and it is not registered on the {}{}: register "
                                   "exactly {} on that application at the IdP, then in its redirect_uris",
                                   uri, e.purpose, env_phrase(e.environment), client_phrase(c), instead, uri),
                       loc(cfg.file, where)});
      }
    }
  if (expected) return out;

  bool near = false;
  for (auto& c : cfg.clients)
    for (auto& e : platform.redirect_uris(cfg, c)) {
      auto want = Uri::parse(e.uri);
      if (!want) continue;
      auto diffs = near_miss(*want, *sent);
      if (!diffs) continue;
      near = true;
      out.push_back({e.environment, c.id,
                     fmt::format("{} is not what the platform sends but almost the {} redirect URI{}: {} ({}){}. "
                                 "The URI to register on the {} is {}",
                                 uri, e.purpose, env_phrase(e.environment), e.uri, join(*diffs, ", "), hint(*diffs),
                                 client_phrase(c), e.uri),
                     loc(cfg.file, list_pos(c))});
    }

  bool registered = false;
  for (auto& c : cfg.clients) {
    if (!c.redirect_uris) continue;
    for (auto& r : c.redirect_uris->items) {
      if (r.value == uri) {
        registered = true;
        out.push_back({"", c.id,
                       fmt::format("{} is listed on the {} in the config, but the platform does not send it for any "
                                   "environment; the IdP refusing it means the IdP's registration differs from the "
                                   "config, or the request used another client id",
                                   uri, client_phrase(c)),
                       loc(cfg.file, r.pos)});
        continue;
      }
      auto have = Uri::parse(r.value);
      if (!have) continue;
      if (auto diffs = near_miss(*have, *sent))
        out.push_back({"", c.id,
                       fmt::format("the {} registers {}, which differs from the URI sent ({}){}", client_phrase(c),
                                   r.value, join(*diffs, ", "), hint(*diffs)),
                       loc(cfg.file, r.pos)});
    }
  }
  if (near || registered) return out;

  // Belongs to nothing: say whether the host or the path is the stranger.
  std::vector<std::string> hosts;
  std::string env_of_host;
  for (auto& env : cfg.environments)
    if (auto u = Uri::parse(env.url.value); u && !u->host.empty()) {
      hosts.push_back(env.name.value + " = " + u->host);
      if (iequals(u->host, sent->host)) env_of_host = env.name.value;
    }
  bool extra = false;
  for (auto h : platform.extra_hosts())
    if (iequals(h, sent->host)) extra = true;
  if (env_of_host.empty() && !extra) {
    out.push_back({"", "",
                   fmt::format("the host {} is none of the environments in the config ({}): either an environment "
                               "is missing from the config and from the IdP, or the app is reached through a proxy "
                               "under an internal name and builds the redirect URI from it (pass the public host, "
                               "e.g. X-Forwarded-Host)",
                               sent->host, hosts.empty() ? std::string("none listed") : join(hosts, ", ")),
                   ""});
  } else {
    std::string example;
    for (auto& c : cfg.clients)
      for (auto& e : platform.redirect_uris(cfg, c))
        if (example.empty() && (e.environment == env_of_host || env_of_host.empty())) example = e.uri;
    out.push_back(
        {env_of_host, "",
         fmt::format("the host {} is {}, but the path {} is not a redirect path the platform uses{}", sent->host,
                     env_of_host.empty() ? "a platform host" : "environment `" + env_of_host + "`",
                     sent->path.empty() ? "/" : sent->path,
                     example.empty() ? "" : " (it sends for example " + example + ")"),
         ""});
  }
  return out;
}

void correlate(std::vector<Diagnosis>& diagnoses, const Config& cfg, const std::vector<Finding>& findings) {
  std::vector<ConfigItem> shown;  // a config item appears once, with the first diagnosis it explains
  for (auto& d : diagnoses) {
    std::vector<ConfigItem> items;
    std::string source = source_provider(d, cfg);
    auto from = source_clients(cfg, source);
    // Another IdP than the config describes: say so before anything the config suggests.
    if (!source.empty() && from.empty() && source != cfg.provider.kind && source != cfg.platform)
      items.push_back({"", "",
                       fmt::format("this error comes from {}, but the config's provider is {} (provider.kind {}) and "
                                   "no client or integration of the config uses {}: the paste is from another "
                                   "application than this config describes, so what follows may not apply",
                                   catalogue::display_name(source), cfg.provider.name, cfg.provider.kind,
                                   catalogue::display_name(source)),
                       loc(cfg.file, cfg.provider.pos)});
    // Only integrations name the IdP per client; for a platform with one provider every client
    // is that provider's and no narrowing is needed.
    bool narrowed =
        std::any_of(from.begin(), from.end(), [](const Client* c) { return c->role == Client::Role::Integration; });
    if (narrowed)
      for (const Client* c : from) point_at_client(items, d, cfg, *c);
    for (auto& [name, values] : d.extracted)
      if (name == "redirect_uri")
        for (auto& v : values)
          for (auto& i : explain_redirect_uri(cfg, v)) push_unique(items, std::move(i));

    bool secret = d.category == "client-secret-invalid" || d.category == "client-secret-expired";
    if (secret && cfg.platform == "outsystems" && !narrowed) {
      // Service Center redeems the code with the web client's secret: that is the value to check.
      if (const Client* web = cfg.client("web_client")) {
        Pos where = web->secret ? web->secret->key : web->pos;
        std::string expiry = web->secret_expires ? " (recorded expiry " + web->secret_expires->value.str() + ")" : "";
        push_unique(items, {"", web->id,
                            fmt::format("Service Center redeems the authorization code with the {}'s client secret{}: "
                                        "the value in LifeTime must be the current secret value at the IdP, not its "
                                        "secret ID, and not expired",
                                        client_phrase(*web), expiry),
                            loc(cfg.file, where)});
      }
    }
    if ((d.category == "username-claim-mismatch" || d.category == "user-not-found") && cfg.provider.username_claim)
      push_unique(items, {"", "",
                          fmt::format("the username claim is `{}`; its value for the failing user must equal their "
                                      "platform username exactly",
                                      cfg.provider.username_claim->value),
                          loc(cfg.file, cfg.provider.username_claim->pos)});
    // The findings behind the error are the ones the catalogue links to it (same condition or
    // cause): through the diagnosed entry, or through the platform's own entry of the same
    // category (Service Center's 401 stands for every secret error the IdP words its own way).
    auto behind = [&](std::string_view rule_id) {
      for (auto& link : catalogue::linked(rule_id))
        if ((d.entry && link.entry == d.entry) ||
            (link.entry->provider == cfg.platform && link.entry->category == d.category))
          return true;
      return false;
    };
    for (auto& f : findings)
      if (f.rule && behind(f.rule->id)) push_unique(items, from_finding(f));

    for (auto& [name, values] : d.extracted) {
      if (name != "client_id") continue;
      for (auto& v : values) {
        const Client* match = nullptr;
        std::vector<std::string> known;
        for (auto& c : cfg.clients)
          if (c.client_id) {
            if (c.client_id->value == v) match = &c;
            known.push_back(c.label + " = " + c.client_id->value);
          }
        if (match)
          push_unique(items, {"", match->id, fmt::format("client id {} is the {} in the config", v, match->label),
                              loc(cfg.file, match->client_id->pos)});
        else if (!known.empty())
          push_unique(items, {"", "",
                              fmt::format("client id {} is none of the clients in the config ({}): the request used "
                                          "another application, or the config is outdated",
                                          v, join(known, ", ")),
                              ""});
      }
    }
    // Items about other clients than the one the error came from do not explain it.
    if (narrowed)
      std::erase_if(items, [&](const ConfigItem& i) {
        return !i.client.empty() &&
               std::none_of(from.begin(), from.end(), [&](const Client* c) { return c->id == i.client; });
      });
    std::erase_if(items, [&](const ConfigItem& i) {
      return std::any_of(shown.begin(), shown.end(),
                         [&](const ConfigItem& s) { return s.message == i.message && s.location == i.location; });
    });
    shown.insert(shown.end(), items.begin(), items.end());
    d.config = std::move(items);
  }
}

}  // namespace od::diagnose
