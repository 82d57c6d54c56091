#include "net/recording.h"

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "core/files.h"
#include "core/json.h"
#include "core/redact.h"
#include "core/uri.h"

namespace od {

namespace {

using J = nlohmann::ordered_json;
constexpr size_t kMaxRecordedBody = 256 * 1024;
constexpr size_t kTruncatedBody = 4096;

std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  return redact(scrub_secrets(std::move(text), secrets));
}

// A JWKS that leaks private members is evidence; keep the members, never their values.
std::string redact_jwks(const std::string& body) {
  if (body.find("\"keys\"") == std::string::npos) return body;
  auto j = try_parse_json<nlohmann::ordered_json>(body);
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) return body;
  bool changed = false;
  for (auto& k : j["keys"]) {
    if (!k.is_object()) continue;
    for (const char* m : {"d", "p", "q", "dp", "dq", "qi", "k", "oth"})
      if (k.contains(m)) k[m] = "[redacted]", changed = true;
  }
  return changed ? dump_json(j) : body;
}

// Headers as "Name: value" lines; connection bookkeeping is left out as noise.
J headers_json(const Headers& h) {
  J a = J::array();
  for (auto& [k, v] : h)
    if (!iequals(k, "date") && !iequals(k, "connection") && !iequals(k, "keep-alive")) a.push_back(k + ": " + v);
  return a;
}

Headers headers_from(const J& a, bool lower) {
  Headers h;
  if (a.is_array())
    for (auto& line : a) {
      if (!line.is_string()) continue;
      std::string s = line.get<std::string>();
      auto colon = s.find(':');
      if (colon == std::string::npos) continue;
      std::string v = s.substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.erase(v.begin());
      h.emplace_back(lower ? to_lower(s.substr(0, colon)) : s.substr(0, colon), v);
    }
  return h;
}

template <class T>
T get_or(const J& j, const char* key, T fallback) {
  if (j.is_object() && j.contains(key) && !j[key].is_null()) {
    // A float into an integer field (a status of 1e113) would be an out-of-range conversion.
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
      if (!j[key].is_number_integer()) return fallback;
    try {
      return j[key].get<T>();
    } catch (const nlohmann::json::exception&) {
    }
  }
  return fallback;
}

}  // namespace

Exchange redact_exchange(const HttpRequest& req, const HttpResponse& resp) {
  Exchange x{req, resp};
  const auto& secrets = req.secrets;
  x.request.secrets.clear();
  x.request.url = scrub(req.url, secrets);
  // The route names the proxy, which may carry user:password@.
  x.request.route.label = redact_url_credentials(req.route.label);
  x.request.route.proxy = redact_url_credentials(req.route.proxy);
  x.request.body = scrub(req.body, secrets);
  for (auto& [k, v] : x.request.headers) {
    if (iequals(k, "authorization")) {
      auto sp = v.find(' ');
      v = (sp == std::string::npos ? "" : v.substr(0, sp) + " ") + "[redacted]";
    } else {
      v = scrub(v, secrets);
    }
  }
  for (auto& [k, v] : x.response.headers) v = is_secret_name(k) ? "[redacted]" : scrub(v, secrets);
  x.response.body = scrub(redact_jwks(resp.body), secrets);
  x.response.error = scrub(resp.error, secrets);
  x.response.effective_url = scrub(resp.effective_url, secrets);
  return x;
}

Expected<Recording> load_recording(const std::string& dir) {
  const std::string file = (std::filesystem::path(dir) / "recording.json").string();
  auto text = read_text_file(file, 64 * 1024 * 1024);
  if (!text) return text.error();
  auto parsed = parse_json_as<J>(*text, file);
  if (!parsed) return parsed.error();
  J& j = parsed.value();
  if (!j.is_object() || get_or<int>(j, "format", 0) != 1)
    return Error{file, "not an oidc-doctor recording (expected a JSON object with \"format\": 1)"};
  Recording r;
  r.label = get_or<std::string>(j, "label", "");
  r.source = get_or<std::string>(j, "source", "");
  r.date = get_or<std::string>(j, "date", "");
  r.config_name = get_or<std::string>(j, "config_name", "");
  r.timeout_ms = get_or<long>(j, "timeout_ms", 0);
  r.deadline_ms = get_or<long>(j, "deadline_ms", 0);
  if (!j.contains("exchanges") || !j["exchanges"].is_array()) return Error{file, "has no \"exchanges\" list"};
  size_t i = 0;
  for (auto& x : j["exchanges"]) {
    ++i;
    if (!x.is_object()) return Error{file, "exchange " + std::to_string(i) + " is not an object"};
    Exchange e;
    const J& rq = x.contains("request") ? x["request"] : J::object();
    e.request.probe = get_or<std::string>(x, "probe", "");
    e.request.environment = get_or<std::string>(x, "environment", "");
    e.request.match_key = get_or<std::string>(x, "match_key", "");
    e.request.route.proxy = get_or<std::string>(x, "route_proxy", "");
    e.request.route.label = get_or<std::string>(x, "route", "direct");
    e.request.method = get_or<std::string>(rq, "method", "GET");
    e.request.url = get_or<std::string>(rq, "url", "");
    e.request.headers = headers_from(rq.contains("headers") ? rq["headers"] : J(), false);
    e.request.body = get_or<std::string>(rq, "body", "");
    if (e.request.match_key.empty()) return Error{file, "exchange " + std::to_string(i) + " has no match_key"};
    const std::string fname = get_or<std::string>(x, "failure", "none");
    auto f = failure_from_name(fname);
    if (!f) return Error{file, "exchange " + std::to_string(i) + ": unknown failure `" + fname + "`"};
    e.response.failure = *f;
    e.response.error = get_or<std::string>(x, "error", "");
    if (x.contains("response") && x["response"].is_object()) {
      const J& rs = x["response"];
      e.response.status = get_or<long>(rs, "status", 0);
      e.response.headers = headers_from(rs.contains("headers") ? rs["headers"] : J(), true);
      e.response.body = get_or<std::string>(rs, "body", "");
      e.response.effective_url = get_or<std::string>(rs, "effective_url", e.request.url);
      e.response.elapsed_ms = get_or<long>(rs, "elapsed_ms", 0);
      e.response.http_version = get_or<std::string>(rs, "http_version", "");
    }
    if (x.contains("tls") && x["tls"].is_object()) {
      const J& t = x["tls"];
      CertInfo c;
      c.subject = get_or<std::string>(t, "subject", "");
      c.issuer = get_or<std::string>(t, "issuer", "");
      c.not_before = get_or<std::string>(t, "not_before", "");
      c.not_after = get_or<std::string>(t, "not_after", "");
      c.not_after_epoch = get_or<long long>(t, "not_after_epoch", 0);
      c.names = get_or<std::vector<std::string>>(t, "names", {});
      c.verify_error = get_or<int>(t, "verify_error", 0);
      c.verify_message = get_or<std::string>(t, "verify_message", "");
      e.response.cert = c;
    }
    r.exchanges.push_back(std::move(e));
  }
  return r;
}

std::optional<Error> save_recording(const std::string& dir, const Recording& rec, const std::string& config_text) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{dir, "cannot create the recording folder: " + ec.message()};
  J j;
  j["format"] = 1;
  j["label"] = rec.label;
  j["source"] = rec.source;
  j["tool"] = std::string("oidc-doctor ") + OD_VERSION;
  j["date"] = rec.date;
  j["config"] = "config.yaml";
  j["config_name"] = rec.config_name;
  j["timeout_ms"] = rec.timeout_ms;
  j["deadline_ms"] = rec.deadline_ms;
  J xs = J::array();
  // Sorted, so two recordings of the same run differ only where the answers differ.
  std::vector<const Exchange*> order;
  for (auto& e : rec.exchanges) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(),
                   [](const Exchange* a, const Exchange* b) { return a->request.match_key < b->request.match_key; });
  for (const Exchange* ep : order) {
    const Exchange& e = *ep;
    J x;
    x["probe"] = e.request.probe;
    x["environment"] = e.request.environment;
    x["route"] = e.request.route.label;
    if (!e.request.route.proxy.empty()) x["route_proxy"] = e.request.route.proxy;
    x["match_key"] = e.request.match_key;
    J rq{{"method", e.request.method}, {"url", e.request.url}};
    if (!e.request.headers.empty()) rq["headers"] = headers_json(e.request.headers);
    if (!e.request.body.empty()) rq["body"] = e.request.body;
    x["request"] = rq;
    x["failure"] = failure_name(e.response.failure);
    if (!e.response.error.empty()) x["error"] = e.response.error;
    if (e.response.status != 0 || !e.response.headers.empty() || !e.response.body.empty()) {
      J rs{{"status", e.response.status}, {"headers", headers_json(e.response.headers)}};
      std::string body = e.response.body;
      if (body.size() > kMaxRecordedBody || e.response.failure == Failure::TooLarge) {
        rs["body_bytes_seen"] = body.size();
        body = body.substr(0, kTruncatedBody);
        rs["body_truncated"] = true;
      }
      rs["body"] = body;
      if (e.response.effective_url != e.request.url) rs["effective_url"] = e.response.effective_url;
      rs["elapsed_ms"] = e.response.elapsed_ms;
      if (!e.response.http_version.empty()) rs["http_version"] = e.response.http_version;
      x["response"] = rs;
    }
    if (e.response.cert) {
      const CertInfo& c = *e.response.cert;
      x["tls"] = {{"subject", c.subject},
                  {"issuer", c.issuer},
                  {"not_before", c.not_before},
                  {"not_after", c.not_after},
                  {"not_after_epoch", c.not_after_epoch},
                  {"names", c.names},
                  {"verify_error", c.verify_error},
                  {"verify_message", c.verify_message}};
    }
    xs.push_back(std::move(x));
  }
  j["exchanges"] = std::move(xs);
  auto write = [&](const std::string& name, const std::string& data) -> std::optional<Error> {
    auto path = (std::filesystem::path(dir) / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << data;
    if (!out) return Error{path, "cannot write"};
    return std::nullopt;
  };
  if (auto e = write("config.yaml", config_text)) return e;
  return write("recording.json", dump_json(j, 2) + "\n");
}

namespace {

class RecordingTransport final : public Transport {
 public:
  RecordingTransport(std::unique_ptr<Transport> inner, Recording& into) : inner_(std::move(inner)), rec_(into) {}
  void submit(HttpRequest request, Callback done) override {
    HttpRequest copy = request;
    inner_->submit(std::move(request), [this, copy = std::move(copy), done = std::move(done)](const HttpResponse& r) {
      rec_.exchanges.push_back(redact_exchange(copy, r));
      done(r);
    });
  }
  void run() override { inner_->run(); }

 private:
  std::unique_ptr<Transport> inner_;
  Recording& rec_;
};

class ReplayTransport final : public Transport {
 public:
  explicit ReplayTransport(const Recording& rec) {
    for (auto& e : rec.exchanges) by_key_[e.request.match_key].push_back(&e.response);
  }
  void submit(HttpRequest request, Callback done) override { queue_.push_back({std::move(request), std::move(done)}); }
  void run() override {
    while (!queue_.empty()) {
      auto [req, done] = std::move(queue_.front());
      queue_.pop_front();
      done(answer(req));
    }
  }

 private:
  HttpResponse answer(const HttpRequest& req) {
    auto it = by_key_.find(req.match_key);
    if (it == by_key_.end() || it->second.empty()) {
      HttpResponse r;
      r.failure = Failure::Other;
      r.error = "this request is not in the recording";
      return r;
    }
    // Identical requests replay their answers in order; the last one repeats.
    size_t& n = used_[req.match_key];
    const HttpResponse* resp = it->second[std::min(n, it->second.size() - 1)];
    ++n;
    return *resp;
  }

  std::map<std::string, std::vector<const HttpResponse*>> by_key_;
  std::map<std::string, size_t> used_;
  std::deque<std::pair<HttpRequest, Callback>> queue_;
};

}  // namespace

std::unique_ptr<Transport> make_recording_transport(std::unique_ptr<Transport> inner, Recording& into) {
  return std::make_unique<RecordingTransport>(std::move(inner), into);
}

std::unique_ptr<Transport> make_replay_transport(const Recording& rec) {
  return std::make_unique<ReplayTransport>(rec);
}

}  // namespace od
