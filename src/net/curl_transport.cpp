// The live engine: one curl multi handle, our own queue in front of it. Transfers wait in the
// queue (not inside curl) until a slot is free, so per-request timeouts only count time on the
// wire, and the per-host cap is exact whatever proxy a route uses. Over https the engine offers
// HTTP/2 and multiplexes: once a host (through one route) answered over h2, its transfers share
// one connection and the per-host cap no longer holds them back (up to kStreams at once).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include "core/curl_api.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <set>

#include "core/text.h"
#include "core/uri.h"
#include "net/tls_info.h"
#include "net/transport.h"

namespace od {

namespace {

using Clock = std::chrono::steady_clock;

// Streams in flight on one multiplexed connection (curl's own default, set explicitly so our
// queue and curl agree and curl never queues a transfer internally).
constexpr long kStreams = 100;

struct Transfer {
  HttpRequest req;
  Callback done;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string host_key;
  int cap = 1;  // the per-host cap of host_key (over HTTP/1.1)
  HttpResponse resp;
  bool oversize = false;
  CertSlot* slot = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
  // Redirects followed so far, whether an earlier hop reached a public address (from then on
  // private and loopback ones are refused), and time spent on the wire by earlier hops.
  int hops = 0;
  bool public_before = false;
  long spent_ms = 0;
  std::string previous_url;  // the hop that redirected here, for messages
  std::string refused;       // why the socket-level check refused an address ("" = none)
};

std::string host_of(const std::string& url) {
  auto u = Uri::parse(url);
  return u ? u->host : url;
}

// Why preflight will not connect to a host of class `c`, or "" when it may. `after_public`: an
// earlier hop of the same request reached a public address (`redirected`), or the URL comes from
// a document a public address served.
std::string forbidden(HostClass c, bool after_public, bool redirected) {
  if (c == HostClass::LinkLocal) return "a link-local address (where cloud metadata services answer)";
  if (c == HostClass::Unspecified) return "an unspecified address";
  if (after_public && (c == HostClass::Private || c == HostClass::Loopback))
    return std::string(host_class_words(c)) +
           (redirected ? ", reached by a redirect from a public host" : ", named by a document from a public host");
  return "";
}

std::string clip_url(std::string_view u) {
  return u.size() > 200 ? std::string(u.substr(0, 197)) + "..." : std::string(u);
}

// Every connection curl opens directly (not through a proxy, whose address the config chose) is
// checked here, after DNS: a name that resolves to a link-local address is caught like a literal.
curl_socket_t on_open_socket(void* user, curlsocktype purpose, curl_sockaddr* a) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && t->req.route.proxy.empty() && (a->family == AF_INET || a->family == AF_INET6)) {
    char ip[INET6_ADDRSTRLEN] = {};
    const void* where = a->family == AF_INET
                            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&a->addr)->sin_addr)
                            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&a->addr)->sin6_addr);
    if (inet_ntop(a->family, where, ip, sizeof ip)) {
      if (std::string why = forbidden(host_class(ip), t->public_before, t->hops > 0); !why.empty()) {
        t->refused = fmt::format("{} resolves to {}, {}", host_of(t->req.url), ip, why);
        return CURL_SOCKET_BAD;
      }
    }
  }
  return ::socket(a->family, a->socktype, a->protocol);
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  size_t room = t->req.max_bytes > t->resp.body.size() ? t->req.max_bytes - t->resp.body.size() : 0;
  if (len > room) {
    t->resp.body.append(data, room);
    t->oversize = true;
    return 0;  // abort: the cap is part of the verdict, not a reason to read on
  }
  t->resp.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    t->resp.headers.clear();  // a new response (after a redirect or a proxy's CONNECT answer)
    std::string_view v = line.substr(5);
    t->resp.http_version = std::string(v.substr(0, std::min(v.find(' '), size_t{3})));
  } else if (auto colon = line.find(':'); colon != std::string_view::npos && t->resp.headers.size() < 200) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    value = value.substr(0, 8192);  // a hostile server's megabyte header is not kept whole
    t->resp.headers.emplace_back(to_lower(line.substr(0, colon)), std::string(value));
  }
  return size * n;
}

CURLcode on_ssl_ctx(CURL*, void* ssl_ctx, void* user) {
  watch_handshake(static_cast<SSL_CTX*>(ssl_ctx), static_cast<CertSlot*>(user));
  return CURLE_OK;
}

std::string host_key_of(const HttpRequest& r) {
  auto u = Uri::parse(r.url);
  std::string origin = u ? u->scheme + "://" + to_lower(u->host) + ":" + std::to_string(u->effective_port()) : r.url;
  return r.route.label + "|" + origin;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(const EngineOptions& o) : opt_(o) {
    multi_ = curl().multi_init();
    curl().multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(4, opt_.concurrency)));
    // Multiplexing is a speed-up, not a policy: when libcurl refuses it, transfers stay on
    // HTTP/1.1 connections under the per-host cap.
    multiplex_ = curl().multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX) == CURLM_OK &&
                 curl().multi_setopt(multi_, CURLMOPT_MAX_CONCURRENT_STREAMS, kStreams) == CURLM_OK;
    if (opt_.concurrency < 1) opt_.concurrency = 1;
    if (opt_.per_host < 0) opt_.per_host = 0;
  }
  ~CurlTransport() override {
    for (auto& [easy, t] : active_) {
      curl().multi_remove_handle(multi_, easy);
      release(*t);
    }
    curl().multi_cleanup(multi_);  // closes connections before the cert slots go away
  }

  void submit(HttpRequest request, Callback done) override {
    auto t = std::make_unique<Transfer>();
    t->host_key = host_key_of(request);
    t->cap = cap_for(request);
    t->req = std::move(request);
    t->public_before = t->req.after_public;
    t->done = std::move(done);
    pending_.push_back(std::move(t));
    ++total_;
  }

  void run() override {
    const auto deadline = Clock::now() + std::chrono::milliseconds(opt_.deadline_ms);
    while (!pending_.empty() || !active_.empty()) {
      if (opt_.interrupted && opt_.interrupted->load()) {
        drop_all();
        break;
      }
      if (Clock::now() >= deadline) {
        abort_all();
        continue;
      }
      start_eligible();
      int running = 0;
      curl().multi_perform(multi_, &running);
      note_multiplexed();
      int left = 0;
      while (CURLMsg* m = curl().multi_info_read(multi_, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        finish(m->easy_handle, m->data.result);
      }
      if (!active_.empty()) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        curl().multi_poll(multi_, nullptr, 0, static_cast<int>(std::clamp<long long>(remaining, 0, 100)), nullptr);
      }
      show_progress(false);
    }
    show_progress(true);
  }

 private:
  // The per-host cap for a request's host and route (EngineOptions::per_host).
  int cap_for(const HttpRequest& r) const {
    if (opt_.per_host > 0) return opt_.per_host;
    auto u = Uri::parse(r.url);
    if (r.route.proxy.empty() && u && is_loopback_host(u->host)) return opt_.concurrency;
    return kDefaultPerHost;
  }

  // A host that answered over HTTP/2 takes up to kStreams transfers on one connection; others
  // their per-host cap.
  int cap_of(const Transfer& t) const { return multiplexed_.count(t.host_key) ? static_cast<int>(kStreams) : t.cap; }

  void note_multiplexed() {
    if (!multiplex_) return;
    for (auto& [easy, t] : active_)
      if (t->resp.http_version == "2" && t->req.url.starts_with("https:")) multiplexed_.insert(t->host_key);
  }

  void start_eligible() {
    for (auto it = pending_.begin(); it != pending_.end() && static_cast<int>(active_.size()) < opt_.concurrency;) {
      if (per_host_[(*it)->host_key] >= cap_of(**it)) {
        ++it;
        continue;
      }
      auto t = std::move(*it);
      it = pending_.erase(it);
      start(std::move(t));
    }
  }

  void start(std::unique_ptr<Transfer> t) {
    CURL* e = curl().easy_init();
    t->easy = e;
    slots_.emplace_back();
    t->slot = &slots_.back();
    const HttpRequest& r = t->req;
    // Every option is checked: the https-only and no-downgrade policy rests on options an old or
    // oddly built libcurl may refuse, and a refused one must stop the request, not weaken it.
    CURLoption refused{};
    CURLcode why = CURLE_OK;
    auto set = [&](CURLoption o, auto v) {
      if (why != CURLE_OK) return;
      if (CURLcode rc = curl().easy_setopt(e, o, v); rc != CURLE_OK) refused = o, why = rc;
    };
    set(CURLOPT_URL, r.url.c_str());
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    // Redirects are followed here, hop by hop (finish), never by curl: each hop is checked like
    // the first URL. The protocol list is a second lock should curl ever follow one.
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_REDIR_PROTOCOLS_STR, "https");
    set(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    set(CURLOPT_OPENSOCKETDATA, t.get());
    // An empty proxy string disables proxies even when http_proxy & co. are set: each
    // environment's route comes from the config, never from this machine's environment.
    set(CURLOPT_PROXY, r.route.proxy.c_str());
    set(CURLOPT_TIMEOUT_MS, std::max(1L, opt_.timeout_ms - t->spent_ms));
    set(CURLOPT_CONNECTTIMEOUT_MS, std::min(opt_.timeout_ms, 10000L));
    set(CURLOPT_WRITEFUNCTION, on_body);
    set(CURLOPT_WRITEDATA, t.get());
    set(CURLOPT_HEADERFUNCTION, on_header);
    set(CURLOPT_HEADERDATA, t.get());
    set(CURLOPT_ERRORBUFFER, t->errbuf);
    set(CURLOPT_USERAGENT, "oidc-doctor/" OD_VERSION " (preflight)");
    set(CURLOPT_SSL_SESSIONID_CACHE, 0L);  // every new connection verifies in full
    set(CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
    set(CURLOPT_SSL_CTX_DATA, t->slot);
    if (!opt_.ca_file.empty()) set(CURLOPT_CAINFO, opt_.ca_file.c_str());
    // HTTP/2 over TLS (ALPN), HTTP/1.1 for plain http; wait for a connection that may multiplex
    // rather than open another. Checked like the rest, but a refusal only means HTTP/1.1: the
    // request still goes out, on its own connection.
    if (multiplex_) {
      auto prefer = [&](CURLoption o, long v) { return curl().easy_setopt(e, o, v) == CURLE_OK; };
      if (!prefer(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS)) || !prefer(CURLOPT_PIPEWAIT, 1L))
        prefer(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    } else {
      set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    }
    for (auto& [k, v] : r.headers) t->header_list = curl().slist_append(t->header_list, (k + ": " + v).c_str());
    if (t->header_list) set(CURLOPT_HTTPHEADER, t->header_list);
    if (r.method == "POST") {
      // A fresh, unshared connection: curl re-sends a request whose reused connection turned out
      // dead, and a token request carrying a secret must go out exactly once.
      set(CURLOPT_FRESH_CONNECT, 1L);
      set(CURLOPT_FORBID_REUSE, 1L);
      set(CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
      set(CURLOPT_COPYPOSTFIELDS, r.body.c_str());
    } else if (r.method != "GET") {
      set(CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    // A literal address is judged before anything is sent (names after DNS, on_open_socket).
    std::string forbidden_why;
    if (auto u = Uri::parse(r.url); u && u->has_authority)
      forbidden_why = forbidden(host_class(u->host), t->public_before, t->hops > 0);
    if (why != CURLE_OK || !forbidden_why.empty()) {
      if (!forbidden_why.empty()) {
        t->resp.failure = Failure::ForbiddenAddress;
        t->resp.error = forbidden_message(*t, host_of(r.url) + " is " + forbidden_why);
      } else {
        t->resp.failure = Failure::Other;
        t->resp.error = fmt::format("libcurl refused option {} ({}); the request was not sent",
                                    static_cast<int>(refused), curl().easy_strerror(why));
      }
      t->resp.effective_url = r.url;
      t->resp.redirects = t->hops;
      release(*t);
      ++done_;
      t->done(t->resp);
      return;
    }
    ++per_host_[t->host_key];
    curl().multi_add_handle(multi_, e);
    current_ = r.method + " " + r.url;
    active_[e] = std::move(t);
  }

  static std::string forbidden_message(const Transfer& t, const std::string& what) {
    if (t.hops == 0) return what + "; preflight does not connect there";
    return fmt::format("redirected from {} to {}: {}; the redirect was not followed", clip_url(t.previous_url),
                       clip_url(t.req.url), what);
  }

  // Whether the hop that answered was public: the address curl connected to, or through a proxy
  // (which resolves for us) the host as written, a name counting as public.
  static bool answered_from_public(const Transfer& t, CURL* easy) {
    if (t.req.route.proxy.empty()) {
      char* ip = nullptr;
      return curl().easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip && *ip &&
             host_class(ip) == HostClass::Public;
    }
    auto u = Uri::parse(t.req.url);
    HostClass c = u ? host_class(u->host) : HostClass::Name;
    return c == HostClass::Public || c == HostClass::Name;
  }

  // A 3xx answer with a Location: the next hop, checked and queued again under its own host's
  // cap, or the reason it is not followed (in resp). True when the transfer goes on.
  bool redirect(Transfer& t, CURL* easy) {
    HttpResponse& resp = t.resp;
    if (!t.req.follow_redirects || t.req.method != "GET" || resp.status < 300 || resp.status > 399 ||
        resp.status == 304 || resp.status == 305 || resp.status == 306)
      return false;
    char* target = nullptr;
    curl().easy_getinfo(easy, CURLINFO_REDIRECT_URL, &target);
    std::string next = target ? target : resp.header("location");
    if (next.empty()) return false;
    auto from = Uri::parse(t.req.url);
    auto to = Uri::parse(next);
    auto refuse = [&](Failure f, std::string message) {
      resp.failure = f;
      resp.error = std::move(message);
      return false;
    };
    if (t.hops >= kMaxRedirects)
      return refuse(Failure::Other, fmt::format("more than {} redirects (a loop?); the one to {} was not followed",
                                                kMaxRedirects, clip_url(next)));
    if (!to || !to->is_http() || !to->has_authority || to->host.empty())
      return refuse(Failure::InsecureRedirect,
                    fmt::format("redirected to {}, which is not followed (only http and https are)", clip_url(next)));
    if (from && from->scheme == "https" && to->scheme != "https")
      return refuse(Failure::InsecureRedirect,
                    fmt::format("redirected to {}, which is not followed (from https only to https)", clip_url(next)));
    if (to->scheme == "http" && !is_loopback_host(to->host))
      return refuse(
          Failure::InsecureRedirect,
          fmt::format("redirected to {}, which is not followed (plain http only to a loopback host)", clip_url(next)));
    if (resp.public_source) t.public_before = true;
    t.previous_url = t.req.url;
    t.req.url = next;
    t.host_key = host_key_of(t.req);
    t.cap = cap_for(t.req);
    t.spent_ms += resp.elapsed_ms;
    ++t.hops;
    return true;
  }

  void release(Transfer& t) {
    if (t.easy) curl().easy_cleanup(t.easy);
    t.easy = nullptr;
    if (t.header_list) curl().slist_free_all(t.header_list);
    t.header_list = nullptr;
  }

  void finish(CURL* easy, CURLcode code) {
    auto it = active_.find(easy);
    if (it == active_.end()) return;
    std::unique_ptr<Transfer> t = std::move(it->second);
    active_.erase(it);
    curl().multi_remove_handle(multi_, easy);
    --per_host_[t->host_key];
    HttpResponse& resp = t->resp;
    long status = 0, connect_code = 0, version = 0;
    curl_off_t total_us = 0;
    char* eff = nullptr;
    curl().easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl().easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    curl().easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &total_us);
    curl().easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &eff);
    if (curl().easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK) {
      switch (version) {
        case CURL_HTTP_VERSION_1_0: resp.http_version = "1.0"; break;
        case CURL_HTTP_VERSION_1_1: resp.http_version = "1.1"; break;
        case CURL_HTTP_VERSION_2_0: resp.http_version = "2"; break;
        case CURL_HTTP_VERSION_3: resp.http_version = "3"; break;
        default: break;  // no answer: keep what the status line said, if any
      }
    }
    resp.status = status;
    resp.elapsed_ms = static_cast<long>(total_us / 1000);
    resp.effective_url = eff ? eff : t->req.url;
    resp.redirects = t->hops;
    resp.public_source = code == CURLE_OK && answered_from_public(*t, easy);
    if (code == CURLE_OK && redirect(*t, easy)) {
      // The next hop starts afresh: its own handle, certificate slot and answer.
      release(*t);
      t->resp = {};
      t->oversize = false;
      t->refused.clear();
      t->errbuf[0] = 0;
      pending_.push_front(std::move(t));
      return;
    }
    std::string message = one_line(t->errbuf[0] ? t->errbuf : curl().easy_strerror(code));
    const bool via_proxy = !t->req.route.proxy.empty();
    if (code != CURLE_OK) {
      resp.error = message;
      if (t->oversize) {
        resp.failure = Failure::TooLarge;
        resp.error = fmt::format("the response is larger than the {} KiB limit", t->req.max_bytes / 1024);
      } else if (code == CURLE_COULDNT_RESOLVE_PROXY || (via_proxy && code == CURLE_COULDNT_CONNECT)) {
        resp.failure = Failure::Proxy;
      } else if (via_proxy && connect_code >= 300) {
        // The headers are the CONNECT answer's: curl hands them over and no response followed.
        resp.failure = Failure::Proxy;
        resp.error = proxy_refusal(connect_code, resp.headers, true);
      } else if (!t->refused.empty()) {
        resp.failure = Failure::ForbiddenAddress;
        resp.error = forbidden_message(*t, t->refused);
      } else if (code == CURLE_COULDNT_RESOLVE_HOST) {
        resp.failure = Failure::Dns;
      } else if (code == CURLE_COULDNT_CONNECT) {
        resp.failure = Failure::Connect;
      } else if (code == CURLE_OPERATION_TIMEDOUT) {
        resp.failure = Failure::Timeout;
      } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
                 code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CIPHER || code == CURLE_SSL_CACERT_BADFILE ||
                 code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
                 code == CURLE_SSL_INVALIDCERTSTATUS || code == CURLE_SSL_ENGINE_INITFAILED) {
        resp.failure = Failure::Tls;
      } else {
        resp.failure = Failure::Other;
      }
    } else if (via_proxy && !t->req.url.starts_with("https:")) {
      // Plain http goes to the proxy as a whole request: a refusal is the proxy's own answer,
      // not the server's, and is worded like a refused tunnel.
      if (std::string why = proxy_refusal(status, resp.headers, false); !why.empty()) {
        resp.failure = Failure::Proxy;
        resp.error = std::move(why);
      }
    }
    if (t->req.url.starts_with("https:")) {
      if (t->slot->seen) {
        resp.cert = t->slot->info;
        if (resp.failure != Failure::Tls) certs_[t->host_key] = t->slot->info;
      } else if (auto c = certs_.find(t->host_key); c != certs_.end()) {
        resp.cert = c->second;  // reused connection: the handshake happened earlier
      } else {
        // A stream multiplexed on a connection whose opener is still running.
        for (auto& [other, o] : active_)
          if (o->host_key == t->host_key && o->slot->seen) {
            resp.cert = o->slot->info;
            break;
          }
      }
    }
    release(*t);
    ++done_;
    t->done(resp);
  }

  // Interrupted: what has not finished leaves no answer at all (its callback never runs).
  void drop_all() {
    for (auto& [easy, t] : active_) {
      curl().multi_remove_handle(multi_, easy);
      release(*t);
    }
    active_.clear();
    per_host_.clear();
    pending_.clear();
  }

  void abort_all() {
    std::vector<std::unique_ptr<Transfer>> victims;
    for (auto& [easy, t] : active_) {
      curl().multi_remove_handle(multi_, easy);
      victims.push_back(std::move(t));
    }
    active_.clear();
    per_host_.clear();
    for (auto& t : pending_) victims.push_back(std::move(t));
    pending_.clear();
    for (auto& t : victims) {
      release(*t);
      t->resp = {};
      t->resp.failure = Failure::Deadline;
      t->resp.error = fmt::format("not answered before the overall deadline of {} ms", opt_.deadline_ms);
      ++done_;
      t->done(t->resp);
    }
  }

  void show_progress(bool final) {
    if (!opt_.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress_ < std::chrono::milliseconds(100)) return;
    last_progress_ = now;
    if (final) {
      std::cerr << "\r\033[K" << std::flush;
      return;
    }
    std::string what = clip(current_, 70);
    std::cerr << fmt::format("\r\033[Kpreflight: {}/{} done, {} running, {} queued · {}", done_, total_, active_.size(),
                             pending_.size(), what)
              << std::flush;
  }

  EngineOptions opt_;
  CURLM* multi_ = nullptr;
  std::deque<std::unique_ptr<Transfer>> pending_;
  std::map<CURL*, std::unique_ptr<Transfer>> active_;
  std::map<std::string, int> per_host_;
  std::map<std::string, CertInfo> certs_;
  bool multiplex_ = false;             // libcurl took CURLPIPE_MULTIPLEX
  std::set<std::string> multiplexed_;  // host keys that answered over HTTP/2
  std::deque<CertSlot> slots_;         // stable addresses; see CertSlot
  size_t total_ = 0, done_ = 0;
  std::string current_;
  Clock::time_point last_progress_{};
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(const EngineOptions& options) {
  return std::make_unique<CurlTransport>(options);
}

std::vector<std::string> auth_schemes(const Headers& headers, std::string_view lower_name) {
  std::vector<std::string> out;
  auto element = [&](std::string_view e) {
    while (!e.empty() && (e.front() == ' ' || e.front() == '\t')) e.remove_prefix(1);
    size_t n = 0;
    while (n < e.size() && e[n] != ' ' && e[n] != '\t' && e[n] != '=') ++n;
    if (n == 0 || n > 40 || (n < e.size() && e[n] == '=')) return;  // empty, absurd, or an auth-param
    std::string scheme(e.substr(0, n));
    for (char c : scheme)  // a token (RFC 9110 tchar), else it is not a scheme
      if (!std::isalnum(static_cast<unsigned char>(c)) &&
          std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
        return;
    if (std::find(out.begin(), out.end(), scheme) == out.end() && out.size() < 8) out.push_back(std::move(scheme));
  };
  for (auto& [name, value] : headers) {
    if (name != lower_name) continue;
    // Challenges and their parameters are comma-separated; commas inside quoted strings are text.
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= value.size(); ++i) {
      if (i < value.size() && value[i] == '\\' && quoted) {
        ++i;
      } else if (i < value.size() && value[i] == '"') {
        quoted = !quoted;
      } else if (i == value.size() || (value[i] == ',' && !quoted)) {
        element(std::string_view(value).substr(start, i - start));
        start = i + 1;
      }
    }
  }
  return out;
}

std::string proxy_refusal(long status, const Headers& headers, bool tunnel) {
  std::string squid;
  for (auto& [k, v] : headers)
    if (k == "x-squid-error") squid = clip(one_line(v), 100, "");
  const std::string answered =
      tunnel ? fmt::format("CONNECT answered {}", status) : fmt::format("HTTP {} from the proxy", status);
  const std::string extra = squid.empty() ? "" : "; X-Squid-Error: " + squid;
  if (status == 407) {
    auto schemes = auth_schemes(headers, "proxy-authenticate");
    std::string asked =
        schemes.empty() ? "without naming a scheme"
                        : fmt::format("{} {}", schemes.size() == 1 ? "scheme" : "schemes", fmt::join(schemes, ", "));
    return fmt::format("the proxy refused the {}: it wants credentials, {} ({}{})", tunnel ? "tunnel" : "request",
                       asked, answered, extra);
  }
  if (tunnel && status >= 300) return fmt::format("the proxy refused the tunnel ({}{})", answered, extra);
  // Over plain http only squid's marker tells its own error page from a server's answer it relays.
  if (!squid.empty() && status >= 400) return fmt::format("the proxy refused the request ({}{})", answered, extra);
  return "";
}

std::string HttpResponse::header(std::string_view lower_name) const {
  for (auto& [k, v] : headers)
    if (k == lower_name) return v;
  return "";
}

namespace {
constexpr std::pair<Failure, std::string_view> kFailureNames[] = {
    {Failure::None, "none"},
    {Failure::Dns, "dns"},
    {Failure::Connect, "connect"},
    {Failure::Timeout, "timeout"},
    {Failure::Tls, "tls"},
    {Failure::Proxy, "proxy"},
    {Failure::TooLarge, "too-large"},
    {Failure::InsecureRedirect, "insecure-redirect"},
    {Failure::ForbiddenAddress, "forbidden-address"},
    {Failure::Deadline, "deadline"},
    {Failure::Other, "other"},
};
}  // namespace

std::string_view failure_name(Failure f) {
  for (auto& [v, n] : kFailureNames)
    if (v == f) return n;
  return "other";
}

std::optional<Failure> failure_from_name(std::string_view name) {
  for (auto& [v, n] : kFailureNames)
    if (n == name) return v;
  return std::nullopt;
}

}  // namespace od
