// The live engine: one curl multi handle, our own queue in front of it. Transfers wait in the
// queue (not inside curl) until a slot is free, so per-request timeouts only count time on the
// wire, and the per-host cap is exact whatever proxy a route uses.
#include <fmt/format.h>
#include "core/curl_api.h"

#include <chrono>
#include <deque>
#include <iostream>
#include <map>

#include "core/uri.h"
#include "net/tls_info.h"
#include "net/transport.h"

namespace od {

namespace {

using Clock = std::chrono::steady_clock;

struct Transfer {
  HttpRequest req;
  Callback done;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string host_key;
  HttpResponse resp;
  bool oversize = false;
  CertSlot* slot = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
};

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
  } else if (auto colon = line.find(':'); colon != std::string_view::npos && t->resp.headers.size() < 200) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
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
    if (opt_.concurrency < 1) opt_.concurrency = 1;
    if (opt_.per_host < 1) opt_.per_host = 1;
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
    t->req = std::move(request);
    t->done = std::move(done);
    pending_.push_back(std::move(t));
    ++total_;
  }

  void run() override {
    const auto deadline = Clock::now() + std::chrono::milliseconds(opt_.deadline_ms);
    while (!pending_.empty() || !active_.empty()) {
      if (Clock::now() >= deadline) {
        abort_all();
        continue;
      }
      start_eligible();
      int running = 0;
      curl().multi_perform(multi_, &running);
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
  void start_eligible() {
    for (auto it = pending_.begin(); it != pending_.end() && static_cast<int>(active_.size()) < opt_.concurrency;) {
      if (per_host_[(*it)->host_key] >= opt_.per_host) {
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
    // Never downgrade: from https only https redirects are followed.
    set(CURLOPT_REDIR_PROTOCOLS_STR, r.url.starts_with("https:") ? "https" : "http,https");
    set(CURLOPT_FOLLOWLOCATION, r.follow_redirects ? 1L : 0L);
    set(CURLOPT_MAXREDIRS, 5L);
    // An empty proxy string disables proxies even when http_proxy & co. are set: each
    // environment's route comes from the config, never from this machine's environment.
    set(CURLOPT_PROXY, r.route.proxy.c_str());
    set(CURLOPT_TIMEOUT_MS, opt_.timeout_ms);
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
    if (why != CURLE_OK) {
      t->resp.failure = Failure::Other;
      t->resp.error = fmt::format("libcurl refused option {} ({}); the request was not sent", static_cast<int>(refused),
                                  curl().easy_strerror(why));
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
    long status = 0, connect_code = 0;
    curl_off_t total_us = 0;
    char* eff = nullptr;
    curl().easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl().easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    curl().easy_getinfo(easy, CURLINFO_TOTAL_TIME_T, &total_us);
    curl().easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &eff);
    resp.status = status;
    resp.elapsed_ms = static_cast<long>(total_us / 1000);
    resp.effective_url = eff ? eff : t->req.url;
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
        resp.failure = Failure::Proxy;
        resp.error = fmt::format("the proxy refused the tunnel (CONNECT answered {})", connect_code);
      } else if (code == CURLE_COULDNT_RESOLVE_HOST) {
        resp.failure = Failure::Dns;
      } else if (code == CURLE_COULDNT_CONNECT) {
        resp.failure = Failure::Connect;
      } else if (code == CURLE_OPERATION_TIMEDOUT) {
        resp.failure = Failure::Timeout;
      } else if (code == CURLE_UNSUPPORTED_PROTOCOL && status >= 300 && status < 400) {
        resp.failure = Failure::InsecureRedirect;
        std::string next = resp.header("location");
        resp.error = fmt::format("redirected to {}, which is not followed (from https only to https)",
                                 next.empty() ? "another scheme" : next);
      } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
                 code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CIPHER || code == CURLE_SSL_CACERT_BADFILE ||
                 code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
                 code == CURLE_SSL_INVALIDCERTSTATUS || code == CURLE_SSL_ENGINE_INITFAILED) {
        resp.failure = Failure::Tls;
      } else {
        resp.failure = Failure::Other;
      }
    }
    if (t->req.url.starts_with("https:")) {
      if (t->slot->seen) {
        resp.cert = t->slot->info;
        if (resp.failure != Failure::Tls) certs_[t->host_key] = t->slot->info;
      } else if (auto c = certs_.find(t->host_key); c != certs_.end()) {
        resp.cert = c->second;  // reused connection: the handshake happened earlier
      }
    }
    release(*t);
    ++done_;
    t->done(resp);
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
    std::string what = current_.size() > 70 ? current_.substr(0, 67) + "..." : current_;
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
  std::deque<CertSlot> slots_;  // stable addresses; see CertSlot
  size_t total_ = 0, done_ = 0;
  std::string current_;
  Clock::time_point last_progress_{};
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(const EngineOptions& options) {
  return std::make_unique<CurlTransport>(options);
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
