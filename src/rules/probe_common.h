// Helpers the probe rules (OD3xxx) share: who owns a target's findings, routes, the reading of
// failed fetches and TLS handshakes, and the discovery members several rules look at. Probe
// rule files include only this.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/redact.h"
#include "probes/classify.h"
#include "probes/facts.h"
#include "probes/protocol.h"
#include "rules/common.h"

namespace od::rules::probe {

using ::od::Failure;
using ::od::HttpResponse;
using probes::Target;

// Doc-level findings belong to the provider, except for an integration with its own IdP.
const Client* owner(const Target& t);
// The route environment `env` (by name) takes to `url`; "direct" when there is no such environment.
std::string route_label(const Config& cfg, const std::string& env, const std::string& url);
// Why a fetch did not give a usable answer, in one clause.
std::string reason(const HttpResponse& r);
// The fetch did not get through (DNS, connect, timeout, ...) or did not answer 200.
bool reachability_failure(const HttpResponse& r);

// A failed TLS handshake on the way to a target, in the order the probes are read:
// discovery per environment, JWKS, authorize, token.
struct TlsFailure {
  std::string environment;  // "" for an authorize probe of no environment
  std::string url;
  const HttpResponse* response = nullptr;
};
std::vector<TlsFailure> tls_failures(const Target& t);
// Which TLS rule a failed handshake is for.
enum class TlsKind { Untrusted, HostnameMismatch, Expired, HandshakeFailed };
TlsKind tls_kind(const HttpResponse& r);
// Reports one TLS failure: "environment `e`: TLS with host:port failed: <why>; certificate ...".
// `names`: list the certificate's subjectAltNames too.
void report_tls(const Config& cfg, const Target& t, const TlsFailure& f, const std::string& why, bool names, Sink& out);

// The first environment that read the document by another route than `d`'s, if any: a
// failure on one path while another works is about the path (OD3501), not the IdP (OD3001).
const probes::DiscoveryFetch* fetched_elsewhere(const Target& t, const probes::DiscoveryFetch& d);

// Calls f for each target with a discovery document, with the document the checks read
// (the first environment's, config order).
void for_each_document(const ProbeContext& pc, const std::function<void(const Target&, const nlohmann::json&)>& f);
// Some client on the target needs refresh tokens / authenticates with a secret.
bool needs_refresh(const ProbeContext& pc, const Target& t);
bool has_confidential_secret(const ProbeContext& pc, const Target& t);

// Calls f for each key set that was fetched and answered 200, with its body parsed (a
// discarded value when it is not JSON).
void for_each_key_set(const ProbeContext& pc, const std::function<void(const Target&, const nlohmann::json&)>& f);
// A finding about a key set: "jwks_uri <url>: <message>".
void report_key_set(const Target& t, const std::string& message, const std::string& key, Sink& out);
// One member of a key set's "keys" that is an object with a string kty.
struct Jwk {
  size_t index;  // 1-based position in "keys"
  const nlohmann::json& json;
  std::string kty, kid, use, alg;
  std::string name;  // "key `kid`" or "key #3"
  bool known_type() const { return kty == "RSA" || kty == "EC" || kty == "OKP"; }
};
void for_each_key(const nlohmann::json& key_set, const std::function<void(const Jwk&)>& f);

// Where a redirect URI finding points when the URI is not listed: the list, else the client.
Pos redirect_list_pos(const Client& c);
// Where a secret finding points: the secret's value, else the client.
Pos secret_pos(const Client& c);
std::string client_id_of(const Client& c);

// The authorization endpoint said it does not know this client (no point judging its secret).
bool unknown_at_authorize(const Target& t, const Client* c);
// The position of `uri` in the client's redirect_uris, if listed.
std::optional<Pos> listed(const Client& c, const std::string& uri);

// Discovery document members.
bool contains(const std::vector<std::string>& v, std::string_view x);
// Every endpoint member a discovery document may have.
extern const char* const kEndpointFields[10];

}  // namespace od::rules::probe
