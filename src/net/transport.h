// What a probe asks of the network and what comes back. The live engine (curl multi), the
// recorder and the replayer all implement Transport, so probes never know which one runs.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace od {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr int kMaxRedirects = 5;

// How one environment reaches one URL: straight, or through its proxy.
struct Route {
  std::string proxy;  // proxy URL; empty = direct (process proxy variables are ignored)
  std::string label;  // "direct", "proxy http://proxy:3128", "direct (bypass *.acme.local)"
};

struct HttpRequest {
  std::string probe;  // discovery | jwks | authorize | token (for progress and recordings)
  std::string environment;
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  Route route;
  // Redirects are followed by the engine itself, at most kMaxRedirects hops, each checked like the
  // first URL: http(s) only, https only to https, plain http only to loopback, never to a
  // link-local or unspecified address, and never to a private or loopback one once a hop was
  // public (see HostClass in core/uri.h).
  bool follow_redirects = false;
  // The URL comes from a document a public address served (an endpoint named by discovery):
  // private and loopback targets are refused as after a public redirect hop.
  bool after_public = false;
  size_t max_bytes = 1 << 20;
  // Identity of the exchange in a recording; volatile parts (state, nonce, PKCE) left out.
  std::string match_key;
  // Values that must never reach a recording or a message (client secrets).
  std::vector<std::string> secrets;
};

// The server certificate as seen during the handshake, kept for messages and expiry checks.
struct CertInfo {
  std::string subject, issuer, not_before, not_after;  // dates as "2026-11-22 10:00:00 UTC"
  long long not_after_epoch = 0;
  std::vector<std::string> names;  // subjectAltName entries, "DNS:localhost", "IP:127.0.0.1"
  int verify_error = 0;            // OpenSSL X509_V_ERR_*; 0 = chain verified (or not checked)
  std::string verify_message;
};

enum class Failure {
  None,
  Dns,               // host name does not resolve
  Connect,           // refused / unreachable
  Timeout,           // per-request timeout
  Tls,               // handshake or certificate verification
  Proxy,             // the proxy itself cannot be reached or refused the tunnel
  TooLarge,          // body over the cap; body holds the first max_bytes
  InsecureRedirect,  // redirect to a scheme we never follow (plain http from https, other schemes)
  ForbiddenAddress,  // a link-local or unspecified address, or a private one after a public hop: not connected
  Deadline,          // overall deadline reached before the answer
  Other,
};
std::string_view failure_name(Failure f);
std::optional<Failure> failure_from_name(std::string_view name);

struct HttpResponse {
  Failure failure = Failure::None;
  std::string error;  // one line, for messages; empty when failure == None
  long status = 0;
  Headers headers;  // names lower-cased
  std::string body;
  std::string effective_url;
  int redirects = 0;           // redirects followed before this answer
  bool public_source = false;  // the answer came from a public address (live runs only; see HostClass)
  std::optional<CertInfo> cert;
  long elapsed_ms = 0;
  std::string http_version;  // of the answer: "1.0", "1.1", "2", "3"; empty when none came

  bool ok() const { return failure == Failure::None; }
  std::string header(std::string_view lower_name) const;
};

using Callback = std::function<void(const HttpResponse&)>;

// The authentication schemes named by every `lower_name` header (e.g. "proxy-authenticate"), in
// order and without repeats: `Basic realm="x", NTLM` gives Basic, NTLM.
std::vector<std::string> auth_schemes(const Headers& headers, std::string_view lower_name);
// When an answer that came through a proxy is the proxy's own refusal rather than the server's
// (407, squid's X-Squid-Error), the one-line reason; empty otherwise. `tunnel`: the answer was
// to CONNECT (https through the proxy).
std::string proxy_refusal(long status, const Headers& headers, bool tunnel);

class Transport {
 public:
  virtual ~Transport() = default;
  // Queues a request; `done` runs on the caller's thread from inside run() and may submit more.
  virtual void submit(HttpRequest request, Callback done) = 0;
  // Returns when every request, including those submitted by callbacks, has completed.
  virtual void run() = 0;
};

inline constexpr int kDefaultPerHost = 32;

struct EngineOptions {
  int concurrency = 64;  // transfers in flight at once
  // Transfers in flight to one host through one route. 0: kDefaultPerHost, except for a loopback
  // host reached directly (a local test IdP, a port-forward), which gets `concurrency`: there the
  // cap protects nothing, and a second wave behind it would cost a whole round trip.
  int per_host = 0;
  long timeout_ms = 10000;   // per request, connect included
  long deadline_ms = 60000;  // whole run
  std::string ca_file;       // replaces the system trust store when set
  bool progress = false;     // one updating line on stderr
  // Set from a signal handler (Ctrl-C): run() stops within one poll interval (100 ms) and drops
  // the transfers still queued or running without calling their callbacks, so only the probes
  // that finished leave facts.
  const std::atomic<bool>* interrupted = nullptr;
};

std::unique_ptr<Transport> make_curl_transport(const EngineOptions& options);

}  // namespace od
