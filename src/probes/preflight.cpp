// The orchestration of preflight: plan the probes, submit them (later hops from the callbacks
// of earlier ones), and once every answer is in, classify them and note the certificates seen.
#include "probes/preflight.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/encoding.h"
#include "core/json.h"
#include "core/redact.h"
#include "core/uri.h"
#include "platforms/platform.h"
#include "probes/classify.h"
#include "probes/differential.h"
#include "probes/protocol.h"
#include "probes/route.h"

namespace od::probes {

namespace {

using nlohmann::json;

std::string field(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

class Run {
 public:
  Run(const Config& cfg, Transport& net, const PreflightSettings& s)
      : cfg_(cfg), net_(net), s_(s), platform_(platform_for(cfg.platform)) {}

  Facts go() {
    plan();
    for (auto& t : facts_.targets) {
      if (t.insecure) continue;
      // Environments that reach the document by the same route (same proxy, or both direct) would
      // ask the same server the same question: one request answers them all. Routes that differ
      // keep their own request, so a path that fails is still told from one that works.
      std::vector<std::pair<std::string, std::vector<size_t>>> groups;
      for (size_t ei = 0; ei < cfg_.environments.size(); ++ei) {
        const Route& route = t.discovery[ei].route;
        const std::string key = route.proxy + "\n" + route.label;
        auto g = std::find_if(groups.begin(), groups.end(), [&](auto& x) { return x.first == key; });
        if (g == groups.end())
          groups.push_back({key, {ei}});
        else
          g->second.push_back(ei);
      }
      for (auto& [key, envs] : groups) fetch_discovery(t, envs);
    }
    net_.run();
    for (auto& t : facts_.targets) collect(t);
    return std::move(facts_);
  }

 private:
  // ---------------------------------------------------------------- planning
  void plan() {
    std::map<std::string, size_t> by_url;
    for (auto& c : cfg_.clients) {
      if (!c.metadata_url) continue;  // no discovery document: nothing to probe
      auto [it, fresh] = by_url.emplace(c.metadata_url->value, facts_.targets.size());
      if (fresh) {
        Target t;
        t.url = &*c.metadata_url;
        t.kind = c.provider_kind;
        t.insecure = insecure_http(c.metadata_url->value);
        for (size_t ei = 0; ei < cfg_.environments.size(); ++ei)
          t.discovery.push_back({ei, cfg_.environments[ei].name.value, route_for(cfg_.environments[ei], t.url->value)});
        facts_.targets.push_back(std::move(t));
      }
      Target& t = facts_.targets[it->second];
      t.clients.push_back(&c);
      std::set<std::string> seen;
      for (auto& e : platform_.redirect_uris(cfg_, c)) {
        if (!seen.insert(e.uri).second) continue;
        AuthorizeProbe p{&c, e, env_index(e.environment)};
        if (p.env >= 0) p.environment = e.environment;
        t.authorize.push_back(std::move(p));
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
  // The environment's discovery document came from a public address: the endpoints it names may
  // not lead to private or loopback ones (the engine refuses them, OD3602).
  static bool from_public(const Target& t, size_t ei) {
    return t.discovery[ei].response && t.discovery[ei].response->public_source;
  }

  HttpRequest request(const char* probe, size_t ei, std::string url, size_t max_bytes) const {
    HttpRequest r;
    r.probe = probe;
    r.environment = cfg_.environments[ei].name.value;
    r.route = route_for(cfg_.environments[ei], url);
    r.url = std::move(url);
    r.max_bytes = max_bytes;
    return r;
  }

  // One request for the environments `envs` (same route); the first one's name is on it.
  void fetch_discovery(Target& t, const std::vector<size_t>& envs) {
    const size_t ei = envs.front();
    HttpRequest r = request("discovery", ei, t.url->value, kMaxDocument);
    r.headers = {{"Accept", "application/json"}};
    r.follow_redirects = true;
    r.match_key = "discovery|" + r.environment + "|" + r.url;
    net_.submit(std::move(r), [this, &t, envs](const HttpResponse& resp) {
      json doc = resp.ok() && resp.status == 200 ? try_parse_json(resp.body) : json();
      for (size_t e : envs) {
        DiscoveryFetch& d = t.discovery[e];
        d.response = resp;
        d.fetched_by = static_cast<int>(envs.front());
        if (doc.is_object()) d.document = doc;
      }
      if (!doc.is_object()) return;
      for (size_t e : envs) follow_up(t, e);
    });
  }

  // Once an environment has the document, its own authorization probes start; the probes
  // that do not depend on the environment start from the first one that gets there.
  void follow_up(Target& t, size_t ei) {
    const json& doc = *t.discovery[ei].document;
    const bool first = !shared_started_.count(&t);
    const std::string authz = field(doc, "authorization_endpoint");
    if (usable_endpoint(authz))
      for (auto& p : t.authorize)
        if (!p.started && (p.env == static_cast<int>(ei) || (p.env < 0 && first))) start_authorize(t, p, authz, ei);
    if (first) {
      shared_started_.insert(&t);
      for (auto& tp : t.tokens) start_token(t, tp, doc, ei);
    }
    if (!t.jwks.started && usable_endpoint(field(doc, "jwks_uri"))) {
      JwksFetch& j = t.jwks;
      j.started = true;
      j.env = static_cast<int>(ei);
      j.environment = cfg_.environments[ei].name.value;
      j.url = field(doc, "jwks_uri");
      HttpRequest r = request("jwks", ei, j.url, kMaxDocument);
      r.after_public = from_public(t, ei);
      j.route = r.route;
      r.headers = {{"Accept", "application/json"}};
      r.follow_redirects = true;
      r.match_key = "jwks|" + r.url;
      net_.submit(std::move(r), [&j](const HttpResponse& resp) { j.response = resp; });
    }
  }

  void start_authorize(Target& t, AuthorizeProbe& p, const std::string& endpoint, size_t ei) {
    p.started = true;
    p.endpoint = endpoint;
    p.sent_from = static_cast<int>(ei);
    const std::string client_id = p.client->client_id ? p.client->client_id->value : "";
    HttpRequest r = authorize_request("authorize", ei, endpoint, client_id, p.uri.uri);
    r.after_public = from_public(t, ei);
    p.route = r.route.label;
    r.match_key = "authorize|" + (p.env < 0 ? std::string("*") : r.environment) + "|" + client_id + "|" + p.uri.uri +
                  "|" + endpoint;
    net_.submit(std::move(r), [&p](const HttpResponse& resp) { p.response = resp; });
    start_authorize_canaries(t, *p.client, p.uri.uri, endpoint, ei);
  }

  HttpRequest authorize_request(const char* probe, size_t ei, const std::string& endpoint, const std::string& client_id,
                                const std::string& redirect_uri) const {
    std::string query = form({{"response_type", "code"},
                              {"client_id", client_id},
                              {"redirect_uri", redirect_uri},
                              {"scope", "openid"},
                              {"state", state_},
                              {"nonce", nonce_},
                              {"code_challenge", challenge_},
                              {"code_challenge_method", "S256"}});
    HttpRequest r = request(probe, ei, endpoint, kMaxPage);
    r.url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") + query;
    return r;
  }

  // Two canaries per client and route, beside its first real request on that route: the real
  // client id with a redirect URI nobody can register (same path, a random host under .invalid),
  // and a client id that cannot exist with the real redirect URI.
  void start_authorize_canaries(Target& t, const Client& c, const std::string& uri, const std::string& endpoint,
                                size_t ei) {
    const std::string route = route_for(cfg_.environments[ei], endpoint).label;
    for (auto& k : t.canaries)
      if (k.client == &c && k.kind != Canary::Kind::Token && k.route == route) return;
    const std::string client_id = c.client_id ? c.client_id->value : "";
    auto u = Uri::parse(uri);
    std::string path = u && !u->path.empty() ? u->path : "/callback";
    if (path.front() != '/') path.insert(path.begin(), '/');
    const std::string fake_uri =
        "https://" + std::string(kCanaryPrefix) + to_lower(random_token(6)) + ".invalid" + path;
    const std::string fake_id = std::string(kCanaryPrefix) + random_token(9);
    for (auto kind : {Canary::Kind::RedirectUri, Canary::Kind::ClientId}) {
      Canary& k = t.canaries.emplace_back();
      k.kind = kind;
      k.client = &c;
      k.route = route;
      k.env = static_cast<int>(ei);
      k.environment = cfg_.environments[ei].name.value;
      k.endpoint = endpoint;
      k.started = true;
      const bool bad_uri = kind == Canary::Kind::RedirectUri;
      k.redirect_uri = bad_uri ? fake_uri : uri;
      k.client_id = bad_uri ? client_id : fake_id;
      HttpRequest r = authorize_request("canary-authorize", ei, endpoint, k.client_id, k.redirect_uri);
      r.after_public = from_public(t, ei);
      r.match_key = std::string("canary-authorize|") + (bad_uri ? "redirect_uri" : "client_id") + "|" + client_id +
                    "|" + route + "|" + endpoint;
      net_.submit(std::move(r), [&k](const HttpResponse& resp) { k.response = resp; });
    }
  }

  void start_token(Target& t, TokenProbe& tp, const json& doc, size_t ei) {
    using S = TokenProbe::State;
    const Client& c = *tp.client;
    tp.endpoint = field(doc, "token_endpoint");
    if (!usable_endpoint(tp.endpoint)) return void(tp.state = S::NoEndpoint);
    // A discovery document can name any token endpoint; the secret goes only where the
    // configured issuer lives, or where the config explicitly allows.
    bool allowed = origin_of(tp.endpoint) == origin_of(t.url->value);
    if (!allowed && c.secret_allowed_hosts) {
      auto u = Uri::parse(tp.endpoint);
      for (auto& h : c.secret_allowed_hosts->items)
        if (u && iequals(h.value, u->host)) allowed = true;
    }
    if (!allowed) return void(tp.state = S::NotSent);
    std::string method = "client_secret_basic";
    if (auto m = doc.find("token_endpoint_auth_methods_supported"); m != doc.end() && m->is_array()) {
      auto has = [&](const char* x) { return std::find(m->begin(), m->end(), x) != m->end(); };
      if (has("client_secret_basic"))
        method = "client_secret_basic";
      else if (has("client_secret_post"))
        method = "client_secret_post";
      else
        return void(tp.state = S::NoMethod);  // OD3013 says why
    }
    std::string secret;
    if (c.secret && c.secret->value)
      secret = *c.secret->value;
    else if (s_.replay)
      secret = "not-sent-in-replay";
    else
      return void(tp.state = S::Unresolved);
    const std::string client_id = c.client_id ? c.client_id->value : "";
    std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "authorization_code"},
                                                               {"code", "od-preflight-" + random_token(16)}};
    auto uris = platform_.redirect_uris(cfg_, c);
    if (!uris.empty())
      fields.emplace_back("redirect_uri", uris.front().uri);
    else if (c.redirect_uris && !c.redirect_uris->items.empty())
      fields.emplace_back("redirect_uri", c.redirect_uris->items.front().value);
    HttpRequest r = request("token", ei, tp.endpoint, kMaxTokenAnswer);
    r.after_public = from_public(t, ei);
    r.method = "POST";
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    if (method == "client_secret_basic") {
      r.headers.emplace_back("Authorization",
                             "Basic " + base64_encode(form_encode(client_id) + ":" + form_encode(secret)));
    } else {
      fields.emplace_back("client_id", client_id);
      fields.emplace_back("client_secret", secret);
    }
    r.body = form(fields);
    r.match_key = "token|" + client_id + "|" + tp.endpoint;
    // Every spelling is scrubbed from recordings (secret_spellings), the Basic header's too.
    r.secrets = basic_credentials(client_id, secret);
    r.secrets.insert(r.secrets.begin(), secret);
    tp.state = S::Sent;
    tp.method = method;
    tp.env = static_cast<int>(ei);
    tp.environment = r.environment;
    HttpRequest canary = r;
    // Exactly one attempt: a retry loop against a token endpoint can lock the client out.
    net_.submit(std::move(r), [&tp](const HttpResponse& resp) { tp.response = resp; });
    start_token_canary(t, c, canary, method, fields, ei);
  }

  // The same exchange for a client id that cannot exist, with a made-up secret: what the
  // endpoint says to credentials it cannot know, to compare the real answer with.
  void start_token_canary(Target& t, const Client& c, HttpRequest r, const std::string& method,
                          std::vector<std::pair<std::string, std::string>> fields, size_t ei) {
    Canary& k = t.canaries.emplace_back();
    k.kind = Canary::Kind::Token;
    k.client = &c;
    k.route = r.route.label;
    k.env = static_cast<int>(ei);
    k.environment = r.environment;
    k.endpoint = r.url;
    k.client_id = std::string(kCanaryPrefix) + random_token(9);
    k.started = true;
    const std::string secret = random_token(18);
    r.probe = "canary-token";
    if (method == "client_secret_basic") {
      r.headers.back() = {"Authorization",
                          "Basic " + base64_encode(form_encode(k.client_id) + ":" + form_encode(secret))};
    } else {
      fields.resize(fields.size() - 2);
      fields.emplace_back("client_id", k.client_id);
      fields.emplace_back("client_secret", secret);
    }
    fields[1].second = "od-preflight-" + random_token(16);
    r.body = form(fields);
    r.secrets = {secret, form_encode(secret)};
    r.match_key = "canary-token|" + (c.client_id ? c.client_id->value : "") + "|" + r.url;
    net_.submit(std::move(r), [&k](const HttpResponse& resp) { k.response = resp; });
  }

  // ---------------------------------------------------------------- reading the answers
  void seen(Target& t, const std::string& url, const std::string& env, const HttpResponse& r) {
    if (r.cert) t.certificates.push_back({url, env, *r.cert, r.failure == Failure::Tls});
  }

  const Canary* canary(const Target& t, const Client& c, Canary::Kind kind, const std::string& route) const {
    for (auto& k : t.canaries)
      if (k.client == &c && k.kind == kind && (kind == Canary::Kind::Token || k.route == route)) return &k;
    return nullptr;
  }

  void collect(Target& t) {
    // The canaries' certificates are those of the real requests on the same path: not noted twice.
    for (auto& k : t.canaries) {
      k.reading = read_canary(k.client->provider_kind, k, s_.wordings);
      if (k.reading != Canary::Reading::NotProbed) k.shape = answer_shape(k.response, k.client_id);
    }
    for (auto& d : t.discovery)
      if (d.response) seen(t, t.url->value, d.environment, *d.response);
    if (t.jwks.response) seen(t, t.jwks.url, t.jwks.environment, *t.jwks.response);
    // Each answer's shape once; whether some answer differs from a redirect canary's, once per canary.
    // Answers that are byte for byte the same (50 environments' unregistered redirect URIs get one
    // error page) share their shape and, below, their verdict: each distinct answer is read once.
    std::vector<std::string> keys, shapes;
    std::map<std::string, std::string> shape_of;
    for (auto& p : t.authorize) {
      keys.push_back(p.started ? answer_key(p.response) : "");
      std::string shape;
      if (p.started && (p.response.ok() || p.response.failure == Failure::TooLarge)) {
        auto [it, fresh] = shape_of.try_emplace(client_id_of(*p.client) + '\n' + keys.back());
        if (fresh) it->second = answer_shape(p.response, client_id_of(*p.client));
        shape = it->second;
      }
      shapes.push_back(std::move(shape));
    }
    std::map<std::tuple<const Canary*, const Canary*, bool, std::string>, AuthorizeResult> verdicts;
    std::map<const Canary*, std::vector<size_t>> unlike;  // canary -> probes answered unlike it
    for (auto& k : t.canaries)
      if (k.kind == Canary::Kind::RedirectUri)
        for (size_t i = 0; i < shapes.size(); ++i)
          if (!shapes[i].empty() && shapes[i] != k.shape) unlike[&k].push_back(i);
    for (size_t i = 0; i < t.authorize.size(); ++i) {
      AuthorizeProbe& p = t.authorize[i];
      if (!p.started) continue;
      seen(t, p.response.effective_url.empty() ? t.url->value : p.response.effective_url, p.environment, p.response);
      if (p.response.failure == Failure::Tls) continue;
      const Canary* rc = canary(t, *p.client, Canary::Kind::RedirectUri, p.route);
      const std::vector<size_t>& u = unlike[rc];
      const bool others_differ = u.size() > 1 || (u.size() == 1 && u.front() != i);
      const Canary* cc = canary(t, *p.client, Canary::Kind::ClientId, p.route);
      // The verdict rests on the answer, the client's provider, whether the answer lands on this
      // probe's own redirect URI, and the canaries: nothing else of the probe.
      const bool home = is_redirect_to(p.response.header("location"), p.uri.uri);
      auto [it, fresh] =
          verdicts.try_emplace({rc, cc, others_differ, p.client->provider_kind + '\n' + (home ? "1" : "0") + keys[i]});
      if (fresh)
        it->second = compare_authorize(classify_authorize(p.client->provider_kind, p.response, p.uri.uri, s_.wordings),
                                       p.response, shapes[i], rc, cc, others_differ);
      p.verdict = it->second;
    }
    for (auto& tp : t.tokens) {
      if (tp.state != TokenProbe::State::Sent) continue;
      seen(t, tp.endpoint, tp.environment, tp.response);
      if (tp.response.failure == Failure::Tls) continue;
      tp.verdict = compare_token(classify_token(tp.client->provider_kind, tp.response, s_.wordings),
                                 answer_shape(tp.response, client_id_of(*tp.client)),
                                 canary(t, *tp.client, Canary::Kind::Token, ""));
    }
  }

  static std::string client_id_of(const Client& c) { return c.client_id ? c.client_id->value : ""; }

  // Everything of an answer that reading it looks at (classify_authorize, answer_shape, compare_authorize).
  static std::string answer_key(const HttpResponse& r) {
    return std::to_string(static_cast<int>(r.failure)) + '\n' + r.error + '\n' + std::to_string(r.status) + '\n' +
           r.header("location") + '\n' + r.body;
  }

  const Config& cfg_;
  Transport& net_;
  PreflightSettings s_;
  const Platform& platform_;
  Facts facts_;  // a deque of targets: callbacks hold references
  std::set<const Target*> shared_started_;
  // One state, nonce and PKCE challenge for every authorization request of the run: no flow is
  // ever completed, so nothing tells the requests apart, and answers that differ only in what
  // the IdP echoes back of them become identical and are read once (collect).
  const std::string state_ = random_token(12), nonce_ = random_token(12), challenge_ = s256(random_token(32));
};

}  // namespace

Facts run_probes(const Config& cfg, Transport& net, const PreflightSettings& settings) {
  return Run(cfg, net, settings).go();
}

}  // namespace od::probes
