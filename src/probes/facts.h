// What preflight learnt from the live IdP, as plain data: per metadata URL (a target) what each
// environment fetched, which keys came back, what the authorization and token endpoints said,
// and which certificates were on the way. Nothing here judges: the probe rules (src/rules/OD3xxx)
// read these facts and report. A probe that was never started because an earlier hop failed is
// marked so, apart from one that was sent and answered, so a report can tell "not reached" from
// "passed".
#pragma once
#include <cstddef>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/model.h"
#include "net/transport.h"
#include "platforms/platform.h"
#include "probes/classify.h"

namespace od::probes {

// Caps on what a probe reads; messages quote them.
inline constexpr size_t kMaxDocument = 1 << 20;  // discovery and JWKS; real ones are a few KiB
inline constexpr size_t kMaxPage = 256 * 1024;   // authorization pages: the verdict is near the top
inline constexpr size_t kMaxTokenAnswer = 64 * 1024;

// One environment's fetch of the discovery document.
struct DiscoveryFetch {
  size_t env = 0;           // index into Config::environments
  std::string environment;  // its name
  Route route;              // the path it took (label, proxy)
  // None: not fetched (the target is plain http to a host that is not loopback).
  std::optional<HttpResponse> response;
  // The body, when the answer was 200 and a JSON object. Only environments with a document
  // go on to the later probes.
  std::optional<nlohmann::json> document;
  // The environment whose request brought the answer: environments on the same route share one.
  int fetched_by = -1;
};

// The key set, fetched once per target from the first environment that read the document.
struct JwksFetch {
  bool started = false;  // false: no environment read a document naming a usable jwks_uri
  std::string url;
  int env = -1;  // index of the environment whose path fetched it
  std::string environment;
  Route route;
  std::optional<HttpResponse> response;
};

// One authorization request: does the IdP know the client and accept this redirect URI?
struct AuthorizeProbe {
  const Client* client = nullptr;
  ExpectedUri uri;
  // The environment the URI belongs to, -1 for URIs of no environment (tool schemes, builder
  // hosts); those go out from the first environment that reads the document.
  int env = -1;
  std::string environment;  // name of `env`, "" when -1
  bool started = false;     // false: no document for its environment, or no usable authorization_endpoint
  std::string endpoint;     // the authorization_endpoint it went to
  int sent_from = -1;       // index of the environment whose path carried it
  std::string route;        // the label of the route it took (canaries are per client and route)
  HttpResponse response;
  // The IdP's answer read in the client's provider dialect; none when not started or when
  // the TLS handshake failed (the TLS rules report that).
  std::optional<AuthorizeResult> verdict;
};

// The token exchange with a bogus code: one per confidential client with a secret.
struct TokenProbe {
  const Client* client = nullptr;
  enum class State {
    NotReached,  // no environment read the document
    NoEndpoint,  // the document names no usable token_endpoint
    NotSent,     // the token endpoint is not on the issuer's origin nor an allowed host
    NoMethod,    // neither client_secret_basic nor client_secret_post is advertised
    Unresolved,  // the secret's value was not read (--no-resolve-secrets)
    Sent,        // sent once; `response` holds the answer
  } state = State::NotReached;
  std::string endpoint;     // token_endpoint from the document (empty before it was read)
  std::string method;       // client_secret_basic or client_secret_post, when sent
  int env = -1;             // index of the environment whose path carried it
  std::string environment;  // its name ("" unless sent)
  HttpResponse response;
  std::optional<SecretResult> verdict;  // when sent and the handshake did not fail
};

// A request no registration can satisfy, sent beside the real ones (per client and route for the
// authorization endpoint, per client for the token endpoint) so that the real answers can be
// compared with the IdP's answer to something it has to refuse. Never a second attempt with the
// real client at the token endpoint: the token canary names a client id that cannot exist.
struct Canary {
  enum class Kind {
    RedirectUri,  // the real client id with a redirect URI on a random host under .invalid
    ClientId,     // a client id that cannot exist with the client's first real redirect URI
    Token,        // a bogus-code exchange for a client id that cannot exist, same method
  } kind = Kind::RedirectUri;
  const Client* client = nullptr;
  std::string route;        // route label (authorize canaries)
  int env = -1;             // index of the environment whose path carried it
  std::string environment;  // its name
  std::string endpoint;
  std::string redirect_uri;  // the redirect URI the request named
  std::string client_id;     // the client id the request named
  bool started = false;
  HttpResponse response;
  // How the IdP treated it (set once every answer is in).
  enum class Reading {
    NotProbed,  // not sent, no answer (a recording made before canaries existed), TLS failure
    Refused,    // an error answer: the IdP checks this before sign-in
    Accepted,   // redirected back to the canary's redirect URI, or tokens for the unknown client
    Deferred,   // neither: a sign-in page, the check (if any) comes after sign-in
  } reading = Reading::NotProbed;
  std::string shape;  // probes/differential.h answer_shape of the answer, once read
};

// A server certificate seen on the way (handshakes that failed included).
struct SeenCertificate {
  std::string url;          // the URL it was seen for
  std::string environment;  // whose path ("" for a probe of no environment)
  CertInfo cert;
  bool handshake_failed = false;
};

// Everything learnt about one metadata URL.
struct Target {
  const LStr* url = nullptr;              // the first client's metadata_url as written
  std::vector<const Client*> clients;     // every client naming this URL, config order
  std::string kind;                       // provider kind of the first client
  bool insecure = false;                  // plain http to a host that is not loopback: nothing sent
  std::vector<DiscoveryFetch> discovery;  // one per environment, config order
  JwksFetch jwks;
  std::deque<AuthorizeProbe> authorize;  // per client, per distinct expected redirect URI
  std::deque<TokenProbe> tokens;
  std::deque<Canary> canaries;
  // In the order the probes are read: discovery per environment, JWKS, authorize, token.
  std::vector<SeenCertificate> certificates;

  // Environments (indexes) that read a discovery document, config order.
  std::vector<size_t> working() const {
    std::vector<size_t> out;
    for (auto& d : discovery)
      if (d.document) out.push_back(d.env);
    return out;
  }
  // The document the document checks read: the first environment (config order) that read one.
  const nlohmann::json* document() const {
    for (auto& d : discovery)
      if (d.document) return &*d.document;
    return nullptr;
  }
};

struct Facts {
  std::deque<Target> targets;  // config order of first mention
};

}  // namespace od::probes
