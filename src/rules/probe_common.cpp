#include "rules/probe_common.h"
#include "core/json.h"
#include "core/text.h"

#include "probes/route.h"

namespace od::rules::probe {

const Client* owner(const Target& t) {
  return t.clients.size() == 1 && t.clients.front()->role == Client::Role::Integration ? t.clients.front() : nullptr;
}

std::string route_label(const Config& cfg, const std::string& env, const std::string& url) {
  for (auto& e : cfg.environments)
    if (e.name.value == env) return probes::route_for(e, url).label;
  return "direct";
}

namespace {
std::string excerpt(const HttpResponse& r) {
  std::string t = probes::page_text(r.body);
  return clip(t, 100);
}
}  // namespace

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

std::vector<TlsFailure> tls_failures(const Target& t) {
  std::vector<TlsFailure> out;
  if (t.insecure) return out;
  for (auto& d : t.discovery)
    if (d.response && d.response->failure == Failure::Tls)
      out.push_back(
          {d.environment, d.response->effective_url.empty() ? t.url->value : d.response->effective_url, &*d.response});
  // The document checks, the key set and the later probes need a document.
  if (!t.document()) return out;
  if (t.jwks.response && t.jwks.response->failure == Failure::Tls)
    out.push_back({t.jwks.environment, t.jwks.url, &*t.jwks.response});
  for (auto& p : t.authorize)
    if (p.started && p.response.failure == Failure::Tls)
      out.push_back({p.environment, p.response.effective_url, &p.response});
  for (auto& tp : t.tokens)
    if (tp.state == probes::TokenProbe::State::Sent && tp.response.failure == Failure::Tls)
      out.push_back({tp.environment, tp.endpoint, &tp.response});
  return out;
}

TlsKind tls_kind(const HttpResponse& r) {
  const int v = r.cert ? r.cert->verify_error : 0;
  if (v == 9 || v == 10) return TlsKind::Expired;
  if (v == 62 ||
      (v == 0 && (r.error.find("subject name") != std::string::npos || r.error.find("host name") != std::string::npos)))
    return TlsKind::HostnameMismatch;
  if (v != 0 || r.error.find("certificate") != std::string::npos) return TlsKind::Untrusted;
  return TlsKind::HandshakeFailed;
}

void report_tls(const Config& cfg, const Target& t, const TlsFailure& f, const std::string& why, bool names,
                Sink& out) {
  const CertInfo* c = f.response->cert ? &*f.response->cert : nullptr;
  const std::string hp = probes::host_port(f.url);
  std::string cert;
  if (c && !c->subject.empty()) {
    cert = fmt::format("; certificate subject {}, issuer {}, valid {} to {}", c->subject, c->issuer, c->not_before,
                       c->not_after);
    if (names && !c->names.empty()) cert += ", names " + join(c->names, ", ");
  }
  out.report(t.url->pos,
             fmt::format("{}TLS with {} failed: {}{} (route: {})", where_env(f.environment), hp, why, cert,
                         route_label(cfg, f.environment, f.url)),
             {.environment = f.environment, .client = owner(t), .key = hp});
}

const probes::DiscoveryFetch* fetched_elsewhere(const Target& t, const probes::DiscoveryFetch& d) {
  for (auto& w : t.discovery)
    if (w.document && w.route.label != d.route.label) return &w;
  return nullptr;
}

void for_each_document(const ProbeContext& pc, const std::function<void(const Target&, const nlohmann::json&)>& f) {
  for (auto& t : pc.facts.targets)
    if (const nlohmann::json* doc = t.insecure ? nullptr : t.document()) f(t, *doc);
}

bool needs_refresh(const ProbeContext& pc, const Target& t) {
  for (auto* c : t.clients)
    if (pc.ctx.platform.needs_refresh_token(*c)) return true;
  return false;
}

bool has_confidential_secret(const ProbeContext& pc, const Target& t) {
  for (auto* c : t.clients)
    if (pc.ctx.platform.is_confidential(*c) && c->secret) return true;
  return false;
}

void for_each_key_set(const ProbeContext& pc, const std::function<void(const Target&, const nlohmann::json&)>& f) {
  for (auto& t : pc.facts.targets) {
    if (t.insecure || !t.document() || !t.jwks.response) continue;
    const HttpResponse& r = *t.jwks.response;
    if (r.ok() && r.status == 200) f(t, try_parse_json(r.body));
  }
}

void report_key_set(const Target& t, const std::string& message, const std::string& key, Sink& out) {
  out.report(t.url->pos, "jwks_uri " + t.jwks.url + ": " + message, {.client = owner(t), .key = key});
}

void for_each_key(const nlohmann::json& set, const std::function<void(const Jwk&)>& f) {
  if (!set.is_object() || !set.contains("keys") || !set["keys"].is_array()) return;
  size_t index = 0;
  auto member = [](const nlohmann::json& k, const char* m) {
    return k.contains(m) && k[m].is_string() ? k[m].get<std::string>() : "";
  };
  for (auto& k : set["keys"]) {
    ++index;
    if (!k.is_object() || !k.contains("kty") || !k["kty"].is_string()) continue;
    Jwk j{index, k, k["kty"].get<std::string>(), member(k, "kid"), member(k, "use"), member(k, "alg"), ""};
    j.name = j.kid.empty() ? fmt::format("key #{}", index) : "key `" + j.kid + "`";
    f(j);
  }
}

Pos redirect_list_pos(const Client& c) { return c.redirect_uris ? c.redirect_uris->key : c.pos; }
Pos secret_pos(const Client& c) { return c.secret && c.secret->pos.known() ? c.secret->pos : c.pos; }
std::string client_id_of(const Client& c) { return c.client_id ? c.client_id->value : ""; }

bool unknown_at_authorize(const Target& t, const Client* c) {
  for (auto& p : t.authorize)
    if (p.client == c && p.verdict && p.verdict->verdict == probes::Verdict::ClientUnknown) return true;
  return false;
}

std::optional<Pos> listed(const Client& c, const std::string& uri) {
  if (c.redirect_uris)
    for (auto& i : c.redirect_uris->items)
      if (i.value == uri) return i.pos;
  return std::nullopt;
}

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const char* const kEndpointFields[10] = {"authorization_endpoint",
                                         "token_endpoint",
                                         "userinfo_endpoint",
                                         "jwks_uri",
                                         "end_session_endpoint",
                                         "revocation_endpoint",
                                         "introspection_endpoint",
                                         "registration_endpoint",
                                         "pushed_authorization_request_endpoint",
                                         "device_authorization_endpoint"};

}  // namespace od::rules::probe
