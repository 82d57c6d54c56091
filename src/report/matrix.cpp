#include "report/matrix.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/redact.h"
#include "core/text.h"
#include "core/uri.h"
#include "imports/app.h"
#include "platforms/platform.h"
#include "probes/route.h"
#include "rules/common.h"

namespace od {

namespace {

using J = nlohmann::ordered_json;

enum class State { NotApplicable, Passed, NotReached, Warning, Failed };

std::string_view state_name(State s) {
  switch (s) {
    case State::Passed: return "passed";
    case State::Failed: return "failed";
    case State::Warning: return "warning";
    case State::NotReached: return "not-reached";
    case State::NotApplicable: return "not-applicable";
  }
  return "not-applicable";
}

// Of two base states (no finding involved): the one that says more is kept, not reached over
// passed over not applicable.
State combine(State a, State b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

struct Column {
  std::string id, label, group;
  std::string kind;  // the check_of_rule() names, "redirect-uri" and "secret" per client
  const Client* client = nullptr;
  std::string purpose;  // redirect URI columns
  std::string hop;      // the hop of the sign-in flow it belongs to (report/html.h)
};

struct Cell {
  State state = State::NotApplicable;
  std::string note;  // why: not applicable, not reached, or where a once-per-IdP check went
  std::string uri;   // redirect URI cells
  std::vector<size_t> findings;
};

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

constexpr std::string_view kOffline = "lint works offline; preflight probes this";

// One environment's standing on the env-level live checks, for one IdP (target).
struct Hops {
  State proxy = State::NotApplicable, dns = State::NotReached, tls = State::NotReached, discovery = State::NotReached,
        issuer = State::NotReached, jwks = State::NotReached;
  std::string proxy_note, dns_note, tls_note, discovery_note, jwks_note;
};

Hops hops_for(const Config& cfg, const probes::Target& t, size_t env) {
  Hops h;
  const Environment& e = cfg.environments[env];
  if (e.proxy.state == Proxy::State::Set) {
    h.proxy = State::NotReached;
  } else {
    h.proxy_note = e.proxy.state == Proxy::State::System ? "the Windows proxy settings, which no file shows"
                                                         : "direct: no proxy on this environment";
  }
  const probes::DiscoveryFetch* d = nullptr;
  for (auto& f : t.discovery)
    if (f.env == env) d = &f;
  std::string later = "not probed: an earlier hop failed";
  h.dns_note = h.tls_note = h.discovery_note = h.jwks_note = later;
  if (t.insecure || !d || !d->response) {
    std::string why = "nothing was sent: the metadata URL is plain http to a host that is not loopback";
    if (e.proxy.state == Proxy::State::Set) h.proxy_note = why;
    h.dns_note = h.tls_note = h.discovery_note = h.jwks_note = why;
    return h;
  }
  const HttpResponse& r = *d->response;
  auto u = Uri::parse(t.url ? t.url->value : "");
  bool https = u && u->scheme == "https";
  bool through_proxy = !d->route.proxy.empty();
  if (e.proxy.state == Proxy::State::Set && !through_proxy) {
    h.proxy = State::NotApplicable;
    h.proxy_note = "the IdP's host is on the bypass list: " + d->route.label;
  } else if (through_proxy) {
    if (r.failure == Failure::Proxy) return h;  // the proxy's finding says why; the rest was not reached
    h.proxy = State::Passed;
  }
  if (r.failure == Failure::Dns || r.failure == Failure::Connect || r.failure == Failure::Timeout ||
      r.failure == Failure::Deadline)
    return h;
  h.dns = State::Passed;
  h.dns_note.clear();
  if (https) {
    if (r.failure == Failure::Tls) return h;
    h.tls = State::Passed;
    h.tls_note.clear();
  } else {
    h.tls = State::NotApplicable;
    h.tls_note = "plain http (loopback): no TLS on this hop";
  }
  if (!d->document) return h;
  h.discovery = h.issuer = State::Passed;
  h.discovery_note.clear();
  if (!t.jwks.started) return h;
  if (t.jwks.env == static_cast<int>(env)) {
    h.jwks = State::Passed;
    h.jwks_note.clear();
  } else {
    h.jwks = State::NotApplicable;
    h.jwks_note = "the key set is fetched once per IdP, through " + t.jwks.environment + "'s path";
  }
  return h;
}

// The rules whose findings concern one redirect URI (matched by value); the other redirect-uri
// rules concern the client as a whole.
bool uri_specific(std::string_view rule) {
  for (auto id : {"OD2001", "OD2002", "OD3301", "OD3303", "OD3305", "OD2801", "OD2802"})
    if (rule == id) return true;
  return false;
}

bool concerns_uri(const Finding& f, const std::string& uri) {
  if (uri.empty()) return false;
  if (f.key.size() > uri.size() && f.key.compare(f.key.size() - uri.size(), uri.size(), uri) == 0 &&
      f.key[f.key.size() - uri.size() - 1] == '|')
    return true;
  // Bounded by blanks or the end, so https://a.example.com/x does not match .../x2.
  for (size_t at = f.message.find(uri); at != std::string::npos; at = f.message.find(uri, at + 1)) {
    size_t end = at + uri.size();
    bool before = at == 0 || f.message[at - 1] == ' ' || f.message[at - 1] == '`';
    bool after = end == f.message.size() || std::string_view(" `,;)").find(f.message[end]) != std::string_view::npos;
    if (before && after) return true;
  }
  return false;
}

}  // namespace

std::string_view check_of_rule(std::string_view id) {
  static const std::map<std::string_view, std::string_view> kRules = {
      {"OD2101", "proxy"},
      {"OD2102", "proxy"},
      {"OD3502", "proxy"},
      {"OD3501", "dns-tcp"},
      {"OD3201", "tls"},
      {"OD3202", "tls"},
      {"OD3203", "tls"},
      {"OD3204", "tls"},
      {"OD3205", "tls"},
      {"OD2601", "discovery"},
      {"OD2602", "discovery"},
      {"OD2603", "discovery"},
      {"OD2604", "discovery"},
      {"OD2605", "discovery"},
      {"OD2808", "discovery"},
      {"OD3002", "discovery"},
      {"OD3003", "discovery"},
      {"OD3004", "discovery"},
      {"OD3006", "discovery"},
      {"OD3007", "discovery"},
      {"OD3008", "discovery"},
      {"OD3009", "discovery"},
      {"OD3010", "discovery"},
      {"OD3011", "discovery"},
      {"OD3012", "discovery"},
      {"OD3014", "discovery"},
      {"OD3601", "discovery"},
      {"OD3602", "discovery"},
      {"OD3005", "issuer"},
      {"OD3101", "jwks"},
      {"OD3102", "jwks"},
      {"OD3103", "jwks"},
      {"OD3104", "jwks"},
      {"OD3105", "jwks"},
      {"OD3106", "jwks"},
      {"OD1004", "redirect-uri"},
      {"OD2001", "redirect-uri"},
      {"OD2002", "redirect-uri"},
      {"OD2801", "redirect-uri"},
      {"OD2802", "redirect-uri"},
      {"OD3301", "redirect-uri"},
      {"OD3302", "redirect-uri"},
      {"OD3303", "redirect-uri"},
      {"OD3305", "redirect-uri"},
      {"OD3306", "redirect-uri"},
      {"OD2401", "secret"},
      {"OD2402", "secret"},
      {"OD2403", "secret"},
      {"OD2404", "secret"},
      {"OD2405", "secret"},
      {"OD2406", "secret"},
      {"OD2809", "secret"},
      {"OD3013", "secret"},
      {"OD3401", "secret"},
      {"OD3402", "secret"},
      {"OD3403", "secret"},
      {"OD3404", "secret"},
      {"OD2501", "client"},
      {"OD2502", "client"},
      {"OD2503", "client"},
      {"OD2803", "client"},
      {"OD2804", "client"},
      {"OD2805", "client"},
      {"OD2806", "client"},
      {"OD2810", "client"},
      {"OD1005", "username-claim"},
      {"OD2301", "username-claim"},
      {"OD2302", "username-claim"},
      {"OD2303", "username-claim"},
      {"OD2201", "prerequisites"},
      {"OD2202", "prerequisites"},
      {"OD2203", "prerequisites"},
      {"OD2204", "prerequisites"},
  };
  if (id == "OD3001") return "dns-tcp";  // refined per environment below (an HTTP answer: discovery)
  auto it = kRules.find(id);
  return it == kRules.end() ? std::string_view() : it->second;
}

std::vector<UriRow> uri_rows(const Client& c, const std::vector<ExpectedUri>& uris,
                             const std::optional<LList>& registered, bool sign_out, bool confidential) {
  const imports::App* app = c.imported && (c.imported->format == imports::Format::EntraGraph ||
                                           c.imported->format == imports::Format::EntraAadGraph)
                                ? c.imported.get()
                                : nullptr;
  auto registered_under = [&](const std::string& uri) -> std::string {
    if (!app || sign_out) return "";
    for (auto& r : app->redirect_uris)
      if (r.uri.value == uri) return std::string(imports::platform_label(r.platform));
    return "";
  };
  std::vector<UriRow> out;
  std::vector<std::string> seen;
  auto add = [&](const std::string& uri, std::string_view state, const std::string& env, const std::string& purpose,
                 const std::string& near, const std::string& difference) {
    UriRow r{uri, std::string(state), env, purpose, near, difference};
    r.list = &providers::place_uri(c.provider_kind, uri, sign_out, providers::redeemer_of(uri, confidential));
    r.registered_under = registered_under(near.empty() ? uri : near);
    out.push_back(std::move(r));
  };
  if (!registered) {
    for (auto& u : uris) {
      if (std::find(seen.begin(), seen.end(), u.uri) != seen.end()) continue;
      seen.push_back(u.uri);
      add(u.uri, "missing", u.environment, u.purpose, "", "");
    }
    return out;
  }
  std::vector<std::string> matched;
  for (auto& r : rules::compare_uris(uris, *registered)) {
    if (std::find(seen.begin(), seen.end(), r.expected.uri) != seen.end()) continue;
    seen.push_back(r.expected.uri);
    using S = rules::UriCheck::State;
    if (r.state == S::Registered) {
      matched.push_back(r.expected.uri);
      add(r.expected.uri, "registered", r.expected.environment, r.expected.purpose, "", "");
    } else if (r.state == S::NearMiss) {
      if (r.near) matched.push_back(r.near->value);
      add(r.expected.uri, "near-miss", r.expected.environment, r.expected.purpose, r.near ? r.near->value : "",
          join(r.diffs, ", "));
    } else {
      add(r.expected.uri, "missing", r.expected.environment, r.expected.purpose, "", "");
    }
  }
  for (auto& item : registered->items) {
    if (std::find(matched.begin(), matched.end(), item.value) != matched.end()) continue;
    if (std::find(seen.begin(), seen.end(), item.value) != seen.end()) continue;
    seen.push_back(item.value);
    add(item.value, "unexpected", "", "", "", "");
  }
  return out;
}

void add_matrix(J& doc, const Config& cfg, const std::vector<Finding>& findings, const probes::Facts* facts,
                std::string_view command) {
  const Platform& platform = platform_for(cfg.platform);
  const bool live = facts != nullptr;
  doc["command"] = command;
  doc["provider"] = {{"name", cfg.has_provider ? cfg.provider.name : ""},
                     {"kind", cfg.has_provider ? cfg.provider.kind : ""}};

  // Rows: LifeTime first, then config order.
  std::vector<size_t> rows;
  for (size_t i = 0; i < cfg.environments.size(); ++i)
    if (cfg.environments[i].is_lifetime()) rows.push_back(i);
  for (size_t i = 0; i < cfg.environments.size(); ++i)
    if (!cfg.environments[i].is_lifetime()) rows.push_back(i);
  std::string first_metadata;
  for (auto& c : cfg.clients)
    if (c.metadata_url && first_metadata.empty()) first_metadata = c.metadata_url->value;
  J envs = J::array();
  for (size_t r : rows) {
    auto& e = cfg.environments[r];
    std::string route = first_metadata.empty() ? (e.proxy.state == Proxy::State::Set ? "proxy " + e.proxy.address.value
                                                                                     : std::string("direct"))
                                               : probes::route_for(e, first_metadata).label;
    if (e.proxy.state == Proxy::State::System) route = "system proxy settings (machine.config)";
    envs.push_back({{"name", e.name.value},
                    {"role", e.role},
                    {"url", redact_url_credentials(e.url.value)},
                    {"route", redact_url_credentials(route)}});
  }
  doc["environments"] = std::move(envs);

  // Columns in the order a sign-in travels.
  std::vector<Column> cols = {{"proxy", "proxy reachable", "network", "proxy", nullptr, "", "metadata"},
                              {"dns-tcp", "DNS/TCP", "network", "dns-tcp", nullptr, "", "metadata"},
                              {"tls", "TLS", "network", "tls", nullptr, "", "metadata"},
                              {"discovery", "discovery", "IdP", "discovery", nullptr, "", "metadata"},
                              {"issuer", "issuer", "IdP", "issuer", nullptr, "", "metadata"},
                              {"jwks", "JWKS", "IdP", "jwks", nullptr, "", "token"}};
  std::map<std::string, std::vector<ExpectedUri>> expected;  // client id -> its redirect URIs
  for (auto& c : cfg.clients) {
    auto uris = platform.redirect_uris(cfg, c);
    std::vector<std::string> purposes;
    for (auto& u : uris)
      if (std::find(purposes.begin(), purposes.end(), u.purpose) == purposes.end()) purposes.push_back(u.purpose);
    for (auto& p : purposes) {
      // The tools' URIs (custom schemes, builder hosts, no environment) are on the PKCE path.
      bool tool = c.role == Client::Role::Desktop;
      for (auto& u : uris)
        if (u.purpose == p && u.environment.empty()) tool = true;
      cols.push_back({"redirect-uri:" + c.id + ":" + slug(p), p, "redirect URIs, " + c.label, "redirect-uri", &c, p,
                      tool ? "tool-authorize" : "authorize"});
    }
    expected[c.id] = std::move(uris);
  }
  for (auto& c : cfg.clients)
    if (platform.is_confidential(c))
      cols.push_back({"secret:" + c.id, "secret accepted", c.label, "secret", &c, "", "token"});
  cols.push_back({"username-claim", "username-claim mapping", "user", "username-claim", nullptr, "", "claims"});
  cols.push_back({"prerequisites", "prerequisites", "platform", "prerequisites", nullptr, "", "platform"});

  // Base states, before any finding.
  std::vector<std::vector<Cell>> grid(rows.size(), std::vector<Cell>(cols.size()));
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    size_t env = rows[ri];
    const Environment& e = cfg.environments[env];
    std::optional<Hops> hops;
    if (live)
      for (auto& t : facts->targets) {
        Hops h = hops_for(cfg, t, env);
        if (!hops) {
          hops = h;
          continue;
        }
        auto merge = [](State& a, std::string& an, State b, const std::string& bn) {
          if (combine(a, b) != a) an = bn;
          a = combine(a, b);
        };
        merge(hops->proxy, hops->proxy_note, h.proxy, h.proxy_note);
        merge(hops->dns, hops->dns_note, h.dns, h.dns_note);
        merge(hops->tls, hops->tls_note, h.tls, h.tls_note);
        merge(hops->discovery, hops->discovery_note, h.discovery, h.discovery_note);
        merge(hops->issuer, hops->discovery_note, h.issuer, h.discovery_note);
        merge(hops->jwks, hops->jwks_note, h.jwks, h.jwks_note);
      }
    for (size_t ci = 0; ci < cols.size(); ++ci) {
      Column& col = cols[ci];
      Cell& cell = grid[ri][ci];
      auto set = [&](State s, std::string note = "") {
        cell.state = s;
        cell.note = std::move(note);
      };
      if (col.kind == "proxy" || col.kind == "dns-tcp" || col.kind == "tls" || col.kind == "discovery" ||
          col.kind == "issuer" || col.kind == "jwks") {
        if (!live) {
          set(State::NotApplicable, std::string(kOffline));
        } else if (!hops) {
          set(State::NotApplicable, "no client names a metadata URL");
        } else if (col.kind == "proxy") {
          set(hops->proxy, hops->proxy_note);
        } else if (col.kind == "dns-tcp") {
          set(hops->dns, hops->dns_note);
        } else if (col.kind == "tls") {
          set(hops->tls, hops->tls_note);
        } else if (col.kind == "discovery") {
          set(hops->discovery, hops->discovery_note);
        } else if (col.kind == "issuer") {
          set(hops->issuer, hops->discovery_note);
        } else {
          set(hops->jwks, hops->jwks_note);
        }
      } else if (col.kind == "redirect-uri") {
        const ExpectedUri* mine = nullptr;
        for (auto& u : expected[col.client->id])
          if (u.purpose == col.purpose && (u.environment == e.name.value || u.environment.empty())) {
            mine = &u;
            if (!u.environment.empty()) break;
          }
        if (!mine) {
          set(State::NotApplicable, "the platform sends no " + col.purpose + " URI for this environment");
          continue;
        }
        cell.uri = mine->uri;
        if (!col.client->redirect_uris) {
          set(State::NotApplicable, "the config lists no redirect_uris for the " + col.client->label);
        } else if (!live) {
          bool registered = col.client->redirect_uris->contains(mine->uri);
          set(registered ? State::Passed : State::NotApplicable, registered ? "registered" : "not registered");
        } else {
          const probes::AuthorizeProbe* probe = nullptr;
          for (auto& t : facts->targets)
            for (auto& p : t.authorize)
              if (p.client == col.client && p.uri.uri == mine->uri) probe = &p;
          if (!probe) {
            set(State::NotApplicable, "not probed: the client names no metadata URL");
          } else if (!probe->started || !probe->verdict) {
            set(State::NotReached, "not probed: an earlier hop failed");
          } else if (probe->verdict->verdict == probes::Verdict::Accepted) {
            std::string note = "the IdP accepted it";
            if (probe->env < 0 && probe->sent_from >= 0)
              note += " (asked once, through " + cfg.environments[static_cast<size_t>(probe->sent_from)].name.value +
                      "'s path)";
            set(State::Passed, note);
          } else {
            set(State::NotApplicable, "");  // the finding of the probe says what happened
          }
        }
      } else if (col.kind == "secret") {
        const Client& c = *col.client;
        if (!live) {
          set(c.secret ? State::Passed : State::NotApplicable,
              c.secret ? "offline: the secret is referenced, not written in the clear, and not expired" : "");
          continue;
        }
        const probes::TokenProbe* tp = nullptr;
        for (auto& t : facts->targets)
          for (auto& p : t.tokens)
            if (p.client == &c) tp = &p;
        using S = probes::TokenProbe::State;
        if (!tp) {
          set(State::NotApplicable, c.secret ? "not probed: the client names no metadata URL" : "");
        } else if (tp->state == S::NotReached || tp->state == S::NoEndpoint) {
          set(State::NotReached, "not probed: no environment read a usable token endpoint");
        } else if (tp->state == S::Unresolved) {
          set(State::NotApplicable, "the secret's value was not read (--no-resolve-secrets)");
        } else if (tp->state == S::Sent && tp->verdict && tp->verdict->verdict == probes::SecretVerdict::Accepted) {
          if (tp->env == static_cast<int>(env))
            set(State::Passed, "the IdP accepted the secret");
          else
            set(State::NotApplicable, "checked once per client, through " + tp->environment + "'s path");
        } else {
          set(State::NotApplicable, "");
        }
      } else if (col.kind == "username-claim") {
        if (cfg.users.empty())
          set(State::NotApplicable, "no sample users in the config");
        else
          set(State::Passed, "the sample users' claims match their usernames");
      } else if (col.kind == "prerequisites") {
        if (platform.minimum_versions().empty())
          set(State::NotApplicable, "the platform declares no minimum versions");
        else
          set(State::Passed, "the declared versions meet the minimums");
      }
    }
  }

  // Findings onto cells.
  std::map<std::string, size_t> row_of;
  for (size_t ri = 0; ri < rows.size(); ++ri) row_of[cfg.environments[rows[ri]].name.value] = ri;
  for (size_t fi = 0; fi < findings.size(); ++fi) {
    const Finding& f = findings[fi];
    std::string kind(check_of_rule(f.rule->id));
    if (kind.empty()) continue;
    std::vector<size_t> rs;
    if (f.environment.empty()) {
      for (size_t ri = 0; ri < rows.size(); ++ri) rs.push_back(ri);
    } else if (auto it = row_of.find(f.environment); it != row_of.end()) {
      rs.push_back(it->second);
    }
    if (f.rule->id == std::string_view("OD3001") && !f.environment.empty() && live) {
      // An HTTP answer that was no document is a discovery failure; no answer is DNS/TCP.
      for (auto& t : facts->targets)
        for (auto& d : t.discovery)
          if (d.environment == f.environment && d.response && d.response->ok()) kind = "discovery";
    }
    const Client* client = f.client.empty() ? nullptr : cfg.client(f.client);
    bool has_secret_col = false;
    for (auto& c : cols)
      if (c.kind == "secret" && client && c.client == client) has_secret_col = true;
    if (kind == "client") kind = has_secret_col ? "secret" : "redirect-uri";
    if (kind == "secret" && client && !has_secret_col) kind = "redirect-uri";
    for (size_t ri : rs)
      for (size_t ci = 0; ci < cols.size(); ++ci) {
        const Column& col = cols[ci];
        Cell& cell = grid[ri][ci];
        if (col.kind != kind) continue;
        if (kind == "redirect-uri") {
          if (client && col.client != client) continue;
          if (cell.uri.empty()) continue;
          if (uri_specific(f.rule->id) && !concerns_uri(f, cell.uri)) continue;
        }
        if (kind == "secret" && client && col.client != client) continue;
        cell.findings.push_back(fi);
      }
  }
  for (auto& row : grid)
    for (auto& cell : row) {
      bool counted = false;
      State worst = State::Passed;
      for (size_t fi : cell.findings) {
        const Finding& f = findings[fi];
        if (f.suppression) continue;
        counted = true;
        worst = combine(worst, f.severity == Severity::Error ? State::Failed : State::Warning);
      }
      if (counted) {
        cell.state = worst;
        cell.note.clear();
      } else if (!cell.findings.empty() && cell.note.empty()) {
        cell.note = "only suppressed findings";
      }
    }

  J checks = J::array();
  for (auto& c : cols) {
    J j = {{"id", c.id}, {"label", c.label}, {"group", c.group}, {"hop", c.hop}};
    j["client"] = c.client ? J(c.client->id) : J(nullptr);
    checks.push_back(std::move(j));
  }
  doc["checks"] = std::move(checks);
  J cells = J::array();
  for (size_t ri = 0; ri < rows.size(); ++ri)
    for (size_t ci = 0; ci < cols.size(); ++ci) {
      const Cell& cell = grid[ri][ci];
      J j = {{"environment", cfg.environments[rows[ri]].name.value},
             {"check", cols[ci].id},
             {"state", state_name(cell.state)}};
      j["client"] = cols[ci].client ? J(cols[ci].client->id) : J(nullptr);
      j["uri"] = cell.uri.empty() ? J(nullptr) : J(redact_url_credentials(cell.uri));
      j["findings"] = cell.findings;
      j["note"] = cell.note;
      cells.push_back(std::move(j));
    }
  doc["matrix"] = std::move(cells);

  // The redirect URI grid: what each client must register, and what it has besides.
  J grid_uris = J::array();
  for (auto& c : cfg.clients) {
    const bool per_platform = providers::uri_layout(c.provider_kind).per_platform;
    for (auto& r : uri_rows(c, expected[c.id], c.redirect_uris, false, platform.is_confidential(c))) {
      J j = {{"client", c.id}, {"uri", redact_url_credentials(r.uri)}, {"state", r.state}};
      j["environment"] = r.environment.empty() ? J(nullptr) : J(r.environment);
      j["purpose"] = r.purpose.empty() ? J(nullptr) : J(r.purpose);
      j["registered_as"] = r.registered_as.empty() ? J(nullptr) : J(redact_url_credentials(r.registered_as));
      j["difference"] = r.difference.empty() ? J(nullptr) : J(r.difference);
      j["platform"] = per_platform && r.list ? J(r.list->label) : J(nullptr);
      j["registered_under"] = r.registered_under.empty() ? J(nullptr) : J(r.registered_under);
      grid_uris.push_back(std::move(j));
    }
  }
  doc["redirect_uris"] = std::move(grid_uris);
}

}  // namespace od
