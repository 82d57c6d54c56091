#include "probes/preflight.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/encoding.h"
#include "core/redact.h"
#include "core/uri.h"
#include "platforms/platform.h"
#include "probes/checks.h"
#include "probes/classify.h"
#include "probes/probe_rules.h"
#include "probes/route.h"
#include "findings/finding.h"

namespace od::probes {

namespace {

using nlohmann::json;
constexpr size_t kMaxDocument = 1 << 20;   // discovery and JWKS; real ones are a few KiB
constexpr size_t kMaxPage = 256 * 1024;    // authorization pages: the verdict is near the top
constexpr size_t kMaxTokenAnswer = 64 * 1024;
constexpr int kExpiryWarningDays = 30;

std::string random_token(size_t bytes = 24) {
  std::vector<unsigned char> b(bytes);
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
    for (auto& x : b) x = static_cast<unsigned char>(std::rand());
  return base64url_encode({reinterpret_cast<const char*>(b.data()), b.size()});
}

std::string s256(const std::string& verifier) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), md);
  return base64url_encode({reinterpret_cast<const char*>(md), sizeof md});
}

std::string host_port(std::string_view url) {
  auto u = Uri::parse(url);
  if (!u) return std::string(url);
  return u->host + ":" + std::to_string(u->effective_port());
}

std::string excerpt(const HttpResponse& r) {
  std::string t = page_text(r.body);
  if (t.size() > 100) t = t.substr(0, 97) + "...";
  return t;
}

// Why a fetch did not give a usable answer, in one clause.
std::string reason(const HttpResponse& r) {
  if (!r.ok()) return redact(r.error);
  std::string e = excerpt(r);
  return fmt::format("HTTP {}{}", r.status, e.empty() ? "" : " (\"" + redact(e) + "\")");
}

bool reachability_failure(const HttpResponse& r) {
  switch (r.failure) {
    case Failure::Dns:
    case Failure::Connect:
    case Failure::Timeout:
    case Failure::Deadline:
    case Failure::Other: return true;
    case Failure::None: return r.status != 200;
    default: return false;
  }
}

struct AuthProbe {
  const Client* client = nullptr;
  ExpectedUri uri;
  int env = -1;  // -1: not tied to an environment (tool schemes, builder hosts)
  bool started = false;
  HttpResponse resp;
};

struct TokenProbe {
  const Client* client = nullptr;
  enum class State { Planned, Started, NotSent, Unresolved, NoMethod, NoEndpoint } state = State::Planned;
  std::string token_endpoint;
  std::string env;  // the environment whose path carried it
  HttpResponse resp;
};

struct Target {
  const LStr* url = nullptr;
  std::vector<const Client*> clients;
  std::string kind;
  bool insecure = false;
  std::vector<std::optional<HttpResponse>> discovery;  // per environment
  std::vector<std::optional<json>> docs;
  bool jwks_started = false, shared_started = false;
  int jwks_env = -1;
  std::string jwks_url;
  std::optional<HttpResponse> jwks;
  std::deque<AuthProbe> auth;
  std::deque<TokenProbe> tokens;
};

class Run {
 public:
  Run(const Config& cfg, Transport& net, const PreflightSettings& s)
      : cfg_(cfg), net_(net), s_(s), platform_(platform_for(cfg.platform)) {}

  std::vector<Finding> go() {
    plan();
    for (size_t ti = 0; ti < targets_.size(); ++ti) {
      Target& t = targets_[ti];
      if (t.insecure) continue;
      for (size_t ei = 0; ei < cfg_.environments.size(); ++ei) fetch_discovery(ti, ei);
    }
    net_.run();
    for (auto& t : targets_) evaluate(t);
    return std::move(out_);
  }

 private:
  // ---------------------------------------------------------------- planning
  void plan() {
    std::map<std::string, size_t> by_url;
    for (auto& c : cfg_.clients) {
      if (!c.metadata_url) continue;  // no discovery document: nothing to probe
      auto [it, fresh] = by_url.emplace(c.metadata_url->value, targets_.size());
      if (fresh) {
        Target t;
        t.url = &*c.metadata_url;
        t.kind = c.provider_kind;
        t.insecure = insecure_http(c.metadata_url->value);
        t.discovery.resize(cfg_.environments.size());
        t.docs.resize(cfg_.environments.size());
        targets_.push_back(std::move(t));
      }
      Target& t = targets_[it->second];
      t.clients.push_back(&c);
      std::set<std::string> seen;
      for (auto& e : platform_.redirect_uris(cfg_, c)) {
        if (!seen.insert(e.uri).second) continue;
        AuthProbe p{&c, e, env_index(e.environment)};
        t.auth.push_back(std::move(p));
      }
      if (platform_.is_confidential(c) && c.secret) t.tokens.push_back({&c});
    }
  }

  int env_index(const std::string& name) const {
    if (name.empty()) return -1;
    for (size_t i = 0; i < cfg_.environments.size(); ++i)
      if (cfg_.environments[i].name.value == name) return static_cast<int>(i);
    return -1;
  }

  // ---------------------------------------------------------------- probes
  void fetch_discovery(size_t ti, size_t ei) {
    const Environment& env = cfg_.environments[ei];
    const std::string& url = targets_[ti].url->value;
    HttpRequest r;
    r.probe = "discovery";
    r.environment = env.name.value;
    r.url = url;
    r.headers = {{"Accept", "application/json"}};
    r.route = route_for(env, url);
    r.follow_redirects = true;
    r.max_bytes = kMaxDocument;
    r.match_key = "discovery|" + env.name.value + "|" + url;
    net_.submit(std::move(r), [this, ti, ei](const HttpResponse& resp) {
      Target& t = targets_[ti];
      t.discovery[ei] = resp;
      if (!resp.ok() || resp.status != 200) return;
      json doc = json::parse(resp.body, nullptr, false);
      if (!doc.is_object()) return;
      t.docs[ei] = std::move(doc);
      follow_up(ti, ei);
    });
  }

  // Once an environment has the document, its own authorization probes start; the probes
  // that do not depend on the environment start from the first one that gets there.
  void follow_up(size_t ti, size_t ei) {
    Target& t = targets_[ti];
    const json& doc = *t.docs[ei];
    auto field = [&](const char* k) { return doc.contains(k) && doc[k].is_string() ? doc[k].get<std::string>() : ""; };
    const std::string authz = field("authorization_endpoint");
    if (usable_endpoint(authz))
      for (auto& p : t.auth)
        if (!p.started && (p.env == static_cast<int>(ei) || (p.env < 0 && !t.shared_started))) start_authorize(p, authz, ei);
    if (!t.shared_started) {
      t.shared_started = true;
      for (auto& tp : t.tokens) start_token(t, tp, doc, ei);
    }
    if (!t.jwks_started && usable_endpoint(field("jwks_uri"))) {
      t.jwks_started = true;
      t.jwks_env = static_cast<int>(ei);
      t.jwks_url = field("jwks_uri");
      HttpRequest r;
      r.probe = "jwks";
      r.environment = cfg_.environments[ei].name.value;
      r.url = t.jwks_url;
      r.headers = {{"Accept", "application/json"}};
      r.route = route_for(cfg_.environments[ei], r.url);
      r.follow_redirects = true;
      r.max_bytes = kMaxDocument;
      r.match_key = "jwks|" + r.url;
      net_.submit(std::move(r), [&t](const HttpResponse& resp) { t.jwks = resp; });
    }
  }

  void start_authorize(AuthProbe& p, const std::string& endpoint, size_t ei) {
    p.started = true;
    const Environment& env = cfg_.environments[ei];
    const std::string client_id = p.client->client_id ? p.client->client_id->value : "";
    std::string verifier = random_token(32);
    std::string query = form({{"response_type", "code"},
                              {"client_id", client_id},
                              {"redirect_uri", p.uri.uri},
                              {"scope", "openid"},
                              {"state", random_token(12)},
                              {"nonce", random_token(12)},
                              {"code_challenge", s256(verifier)},
                              {"code_challenge_method", "S256"}});
    HttpRequest r;
    r.probe = "authorize";
    r.environment = env.name.value;
    r.url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") + query;
    r.route = route_for(env, endpoint);
    r.max_bytes = kMaxPage;
    r.match_key = "authorize|" + (p.env < 0 ? std::string("*") : env.name.value) + "|" + client_id + "|" + p.uri.uri +
                  "|" + endpoint;
    net_.submit(std::move(r), [&p](const HttpResponse& resp) { p.resp = resp; });
  }

  void start_token(Target& t, TokenProbe& tp, const json& doc, size_t ei) {
    const Client& c = *tp.client;
    tp.token_endpoint = doc.contains("token_endpoint") && doc["token_endpoint"].is_string()
                            ? doc["token_endpoint"].get<std::string>()
                            : "";
    if (!usable_endpoint(tp.token_endpoint)) {
      tp.state = TokenProbe::State::NoEndpoint;
      return;
    }
    // A discovery document can name any token endpoint; the secret goes only where the
    // configured issuer lives, or where the config explicitly allows.
    bool allowed = origin_of(tp.token_endpoint) == origin_of(t.url->value);
    if (!allowed && c.secret_allowed_hosts) {
      auto u = Uri::parse(tp.token_endpoint);
      for (auto& h : c.secret_allowed_hosts->items)
        if (u && iequals(h.value, u->host)) allowed = true;
    }
    if (!allowed) {
      tp.state = TokenProbe::State::NotSent;
      return;
    }
    std::string method = "client_secret_basic";
    if (doc.contains("token_endpoint_auth_methods_supported") && doc["token_endpoint_auth_methods_supported"].is_array()) {
      const json& m = doc["token_endpoint_auth_methods_supported"];
      auto has = [&](const char* x) { return std::find(m.begin(), m.end(), x) != m.end(); };
      if (has("client_secret_basic")) method = "client_secret_basic";
      else if (has("client_secret_post")) method = "client_secret_post";
      else {
        tp.state = TokenProbe::State::NoMethod;  // OD3013 says why
        return;
      }
    }
    std::string secret;
    if (c.secret && c.secret->value) secret = *c.secret->value;
    else if (s_.replay) secret = "not-sent-in-replay";
    else {
      tp.state = TokenProbe::State::Unresolved;
      return;
    }
    const std::string client_id = c.client_id ? c.client_id->value : "";
    std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "authorization_code"},
                                                               {"code", "od-preflight-" + random_token(16)}};
    auto uris = platform_.redirect_uris(cfg_, c);
    if (!uris.empty()) fields.emplace_back("redirect_uri", uris.front().uri);
    else if (c.redirect_uris && !c.redirect_uris->items.empty()) fields.emplace_back("redirect_uri", c.redirect_uris->items.front().value);
    HttpRequest r;
    r.probe = "token";
    r.environment = cfg_.environments[ei].name.value;
    r.method = "POST";
    r.url = tp.token_endpoint;
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    if (method == "client_secret_basic") {
      r.headers.emplace_back("Authorization", "Basic " + base64_encode(form_encode(client_id) + ":" + form_encode(secret)));
    } else {
      fields.emplace_back("client_id", client_id);
      fields.emplace_back("client_secret", secret);
    }
    r.body = form(fields);
    r.route = route_for(cfg_.environments[ei], r.url);
    r.max_bytes = kMaxTokenAnswer;
    r.match_key = "token|" + client_id + "|" + tp.token_endpoint;
    r.secrets = {secret, form_encode(secret)};
    tp.state = TokenProbe::State::Started;
    tp.env = r.environment;
    // Exactly one attempt: a retry loop against a token endpoint can lock the client out.
    net_.submit(std::move(r), [&tp](const HttpResponse& resp) { tp.resp = resp; });
  }

  // ---------------------------------------------------------------- findings
  void add(const Rule& rule, Pos where, std::string message, Extra extra, bool predictions = true) {
    // Belt and braces: IdPs do not echo secrets, but a message must never carry one.
    for (auto& c : cfg_.clients)
      if (c.secret && c.secret->value && c.secret->value->size() >= 4)
        for (size_t p = message.find(*c.secret->value); p != std::string::npos; p = message.find(*c.secret->value))
          message.replace(p, c.secret->value->size(), "[redacted]");
    std::string key = extra.key;
    if (!seen_.insert(std::string(rule.id) + "|" + extra.environment + "|" + key + "|" +
                      (extra.client ? extra.client->id : ""))
             .second)
      return;
    Finding f = make_finding(cfg_, rule, where, std::move(message), std::move(extra));
    if (!predictions) f.predicted_errors.clear();  // notes and "cannot tell" predict nothing
    out_.push_back(std::move(f));
  }

  // Doc-level findings belong to the provider, except for an integration with its own IdP.
  const Client* owner(const Target& t) const {
    return t.clients.size() == 1 && t.clients.front()->role == Client::Role::Integration ? t.clients.front() : nullptr;
  }

  void tls_failure(const Target& t, const std::string& env, const std::string& url, const HttpResponse& r) {
    const CertInfo* c = r.cert ? &*r.cert : nullptr;
    const int v = c ? c->verify_error : 0;
    const std::string hp = host_port(url);
    const Rule* rule = &rules::OD3205;
    std::string why = r.error;
    if (v == 9 || v == 10) {
      rule = &rules::OD3203;
      why = c->verify_message;
    } else if (v == 62 || (v == 0 && (r.error.find("subject name") != std::string::npos ||
                                      r.error.find("host name") != std::string::npos))) {
      rule = &rules::OD3202;
      why = "the certificate does not name " + (Uri::parse(url) ? Uri::parse(url)->host : hp);
    } else if (v != 0 || r.error.find("certificate") != std::string::npos) {
      rule = &rules::OD3201;
      if (v != 0) why = c->verify_message;
    }
    std::string cert;
    if (c && !c->subject.empty()) {
      cert = fmt::format("; certificate subject {}, issuer {}, valid {} to {}", c->subject, c->issuer, c->not_before,
                         c->not_after);
      if (rule == &rules::OD3202 && !c->names.empty()) cert += ", names " + join_names(c->names);
    }
    add(*rule, t.url->pos,
        fmt::format("{}TLS with {} failed: {}{} (route: {})", env.empty() ? "" : "environment `" + env + "`: ", hp,
                    why, cert, route_label(env, url)),
        {.environment = env, .client = owner(t), .key = hp});
  }

  static std::string join_names(const std::vector<std::string>& v) {
    std::string s;
    for (auto& n : v) s += (s.empty() ? "" : ", ") + n;
    return s;
  }

  std::string route_label(const std::string& env, const std::string& url) const {
    for (auto& e : cfg_.environments)
      if (e.name.value == env) return route_for(e, url).label;
    return "direct";
  }

  // Certificates seen on the way: expiry warnings, once per certificate.
  void note_certificate(const Target& t, const std::string& url, const HttpResponse& r) {
    if (!r.cert || r.failure == Failure::Tls || r.cert->not_after_epoch == 0) return;
    long long days = r.cert->not_after_epoch / 86400 - s_.today.days;
    if (days >= kExpiryWarningDays) return;
    std::string hp = host_port(url);
    add(rules::OD3204, t.url->pos,
        fmt::format("the TLS certificate of {} expires on {} ({}); subject {}, issuer {}", hp, r.cert->not_after,
                    days >= 0 ? fmt::format("in {} days", days) : fmt::format("{} days ago", -days), r.cert->subject,
                    r.cert->issuer),
        {.client = owner(t), .key = hp + "|" + r.cert->not_after});
  }

  void evaluate(Target& t) {
    const Pos at = t.url->pos;
    if (t.insecure) {
      add(rules::OD3601, at,
          fmt::format("{} is plain http on a host that is not loopback; preflight sends nothing there", t.url->value),
          {.client = owner(t), .key = t.url->value});
      return;
    }
    // Per environment: could it fetch and read the document?
    std::vector<size_t> working;
    for (size_t ei = 0; ei < cfg_.environments.size(); ++ei)
      if (t.docs[ei]) working.push_back(ei);
    for (size_t ei = 0; ei < cfg_.environments.size(); ++ei) {
      const Environment& env = cfg_.environments[ei];
      const std::string& name = env.name.value;
      if (!t.discovery[ei]) continue;
      const HttpResponse& r = *t.discovery[ei];
      note_certificate(t, t.url->value, r);
      const Route route = route_for(env, t.url->value);
      if (r.failure == Failure::Tls) {
        tls_failure(t, name, r.effective_url.empty() ? t.url->value : r.effective_url, r);
      } else if (r.failure == Failure::Proxy) {
        add(rules::OD3502, env.proxy.address.pos.known() ? env.proxy.address.pos : env.pos,
            fmt::format("environment `{}` cannot fetch {} through its proxy {}: {}", name, t.url->value,
                        env.proxy.address.value, redact(r.error)),
            {.environment = name, .key = env.proxy.address.value});
      } else if (r.failure == Failure::InsecureRedirect) {
        add(rules::OD3601, at, fmt::format("environment `{}`: {} {}", name, t.url->value, redact(r.error)),
            {.environment = name, .client = owner(t), .key = t.url->value});
      } else if (r.failure == Failure::TooLarge) {
        add(rules::OD3004, at,
            fmt::format("environment `{}`: {} sends more than {} KiB; a discovery document is a few KiB", name,
                        t.url->value, kMaxDocument / 1024),
            {.environment = name, .client = owner(t)});
      } else if (reachability_failure(r)) {
        const Environment* good = nullptr;
        for (size_t w : working)
          if (route_for(cfg_.environments[w], t.url->value).label != route.label) {
            good = &cfg_.environments[w];
            break;
          }
        if (good)
          add(rules::OD3501, env.pos,
              fmt::format("environment `{}` cannot fetch {} ({}): {}; environment `{}` fetches it ({})", name,
                          t.url->value, route.label, reason(r), good->name.value,
                          route_for(*good, t.url->value).label),
              {.environment = name, .key = t.url->value});
        else
          add(rules::OD3001, at,
              fmt::format("environment `{}` cannot fetch the discovery document {} ({}): {}", name, t.url->value,
                          route.label, reason(r)),
              {.environment = name, .client = owner(t), .key = t.url->value});
      } else if (r.ok() && r.status == 200) {
        if (std::string ct = r.header("content-type"); !is_json_content_type(ct))
          add(rules::OD3003, at,
              fmt::format("environment `{}`: {} is served as `{}` instead of application/json", name, t.url->value,
                          ct.empty() ? "(no content type)" : ct),
              {.environment = name, .client = owner(t)});
        if (!t.docs[ei]) {
          std::string start = r.body.substr(0, 40);
          for (char& ch : start)
            if (ch == '\n' || ch == '\r') ch = ' ';
          add(rules::OD3002, at,
              fmt::format("environment `{}`: {} is not a JSON object (it starts with `{}`)", name, t.url->value,
                          redact(start)),
              {.environment = name, .client = owner(t)});
        }
      }
    }
    // Document checks, on the first environment (config order) that read it.
    if (working.empty()) return evaluate_probes(t);
    const json& doc = *t.docs[working.front()];
    DiscoveryFacts facts{t.url->value, t.kind, false, false};
    for (auto* c : t.clients) {
      if (platform_.needs_refresh_token(*c)) facts.needs_refresh = true;
      if (platform_.is_confidential(*c) && c->secret) facts.has_confidential_secret = true;
    }
    for (auto& issue : check_discovery_document(doc, facts)) {
      bool note = issue.rule->severity == Severity::Info;
      add(*issue.rule, at, issue.message, {.client = owner(t), .fix = issue.fix, .key = issue.key}, !note);
    }
    // Keys.
    if (t.jwks) {
      const HttpResponse& r = *t.jwks;
      note_certificate(t, t.jwks_url, r);
      const std::string env = cfg_.environments[static_cast<size_t>(t.jwks_env)].name.value;
      if (r.failure == Failure::Tls) {
        tls_failure(t, env, t.jwks_url, r);
      } else if (r.failure == Failure::TooLarge) {
        add(rules::OD3102, at, fmt::format("{} sends more than {} KiB; a key set is a few KiB", t.jwks_url,
                                           kMaxDocument / 1024),
            {.client = owner(t), .key = "size"});
      } else if (!r.ok() || r.status != 200) {
        add(rules::OD3101, at,
            fmt::format("the signing keys at {} cannot be fetched (from environment `{}`, {}): {}", t.jwks_url, env,
                        route_label(env, t.jwks_url), reason(r)),
            {.client = owner(t), .key = t.jwks_url});
      } else {
        for (auto& issue : check_jwks_document(r.body))
          add(*issue.rule, at, "jwks_uri " + t.jwks_url + ": " + issue.message,
              {.client = owner(t), .fix = issue.fix, .key = issue.key});
      }
    }
    evaluate_probes(t);
  }

  static std::optional<Pos> listed(const Client& c, const std::string& uri) {
    if (c.redirect_uris)
      for (auto& i : c.redirect_uris->items)
        if (i.value == uri) return i.pos;
    return std::nullopt;
  }

  void evaluate_probes(Target& t) {
    std::set<const Client*> unknown;  // no point judging the secret of a client the IdP does not know
    for (auto& p : t.auth) {
      if (!p.started) continue;
      const Client& c = *p.client;
      const std::string env = p.env >= 0 ? cfg_.environments[static_cast<size_t>(p.env)].name.value : "";
      const std::string client_id = c.client_id ? c.client_id->value : "";
      note_certificate(t, p.resp.effective_url.empty() ? t.url->value : p.resp.effective_url, p.resp);
      if (p.resp.failure == Failure::Tls) {
        tls_failure(t, env, p.resp.effective_url, p.resp);
        continue;
      }
      AuthorizeResult v = classify_authorize(c.provider_kind, p.resp, p.uri.uri);
      std::string where = env.empty() ? "" : "environment `" + env + "`: ";
      Pos list_pos = c.redirect_uris ? c.redirect_uris->key : c.pos;
      switch (v.verdict) {
        case Verdict::Rejected:
          add(rules::OD3301, listed(c, p.uri.uri).value_or(list_pos),
              fmt::format("{}the IdP rejects the {} redirect URI {} for the {} (`{}`): {}", where, p.uri.purpose,
                          p.uri.uri, c.label, client_id, redact(v.detail)),
              {.environment = env,
               .client = &c,
               .fix = fmt::format("Register exactly {} as a redirect URI of client `{}` at the IdP.", p.uri.uri,
                                  client_id),
               .key = p.uri.uri});
          break;
        case Verdict::ClientUnknown:
          unknown.insert(&c);
          add(rules::OD3302, c.client_id ? c.client_id->pos : c.pos,
              fmt::format("the IdP does not know client id `{}` ({}): {}", client_id, c.label, redact(v.detail)),
              {.client = &c, .key = client_id});
          break;
        case Verdict::Inconclusive:
          add(rules::OD3303, listed(c, p.uri.uri).value_or(list_pos),
              fmt::format("{}cannot tell whether the IdP accepts {} for the {}: {}{}", where, p.uri.uri, c.label,
                          redact(v.detail), inconclusive_hint(c.provider_kind)),
              {.environment = env, .client = &c, .key = p.uri.uri}, false);
          break;
        case Verdict::Accepted:
          if (c.redirect_uris && !listed(c, p.uri.uri))
            add(rules::OD3304, list_pos,
                fmt::format("{}the IdP accepts {} for the {}, but `redirect_uris` does not list it", where, p.uri.uri,
                            c.label),
                {.environment = env,
                 .client = &c,
                 .fix = "Add " + p.uri.uri + " to `redirect_uris` so lint compares against what the IdP has.",
                 .key = p.uri.uri},
                false);
          break;
      }
    }
    for (auto& tp : t.tokens) {
      const Client& c = *tp.client;
      const Pos at = c.secret->pos.known() ? c.secret->pos : c.pos;
      const std::string client_id = c.client_id ? c.client_id->value : "";
      using S = TokenProbe::State;
      switch (tp.state) {
        case S::Planned:
        case S::NoMethod:
        case S::NoEndpoint: continue;  // discovery failed or its findings already say why
        case S::NotSent:
          add(rules::OD3404, at,
              fmt::format("the secret of the {} was not sent: the token endpoint {} is not on the issuer's origin {}",
                          c.label, tp.token_endpoint, origin_of(t.url->value)),
              {.client = &c,
               .fix = "If " + host_port(tp.token_endpoint) +
                      " belongs to the IdP, add its host to secret_allowed_hosts; otherwise the discovery document "
                      "is not the IdP's.",
               .key = tp.token_endpoint},
              false);
          continue;
        case S::Unresolved:
          add(rules::OD3403, at,
              fmt::format("the secret of the {} was not checked: its value was not read (--no-resolve-secrets)",
                          c.label),
              {.client = &c, .key = "unresolved"}, false);
          continue;
        case S::Started: break;
      }
      note_certificate(t, tp.token_endpoint, tp.resp);
      if (tp.resp.failure == Failure::Tls) {
        tls_failure(t, tp.env, tp.token_endpoint, tp.resp);
        continue;
      }
      SecretResult v = classify_token(c.provider_kind, tp.resp);
      std::string said = redact(v.detail);
      if (unknown.count(&c) && v.verdict != SecretVerdict::Accepted) continue;
      switch (v.verdict) {
        case SecretVerdict::Accepted: break;
        case SecretVerdict::Invalid:
          add(rules::OD3401, at,
              fmt::format("the IdP rejects the secret of the {} (`{}`) as invalid: {}{}", c.label, client_id, said,
                          rejected_secret_hint(v)),
              {.client = &c});
          break;
        case SecretVerdict::Expired:
          add(rules::OD3402, at,
              fmt::format("the IdP rejects the secret of the {} (`{}`) as expired: {}", c.label, client_id, said),
              {.client = &c});
          break;
        case SecretVerdict::ClientUnknown:
          add(rules::OD3302, c.client_id ? c.client_id->pos : c.pos,
              fmt::format("the IdP does not know client id `{}` ({}): {}", client_id, c.label, said),
              {.client = &c, .key = client_id});
          break;
        case SecretVerdict::Inconclusive:
          add(rules::OD3403, at,
              fmt::format("cannot tell whether the IdP accepts the secret of the {}: {}", c.label, said),
              {.client = &c, .key = "answer"}, false);
          break;
      }
    }
  }

  const Config& cfg_;
  Transport& net_;
  PreflightSettings s_;
  const Platform& platform_;
  std::deque<Target> targets_;  // stable addresses: callbacks hold references
  std::vector<Finding> out_;
  std::set<std::string> seen_;
};

}  // namespace

std::vector<Finding> run_preflight(const Config& cfg, Transport& net, const PreflightSettings& settings) {
  return Run(cfg, net, settings).go();
}

}  // namespace od::probes
