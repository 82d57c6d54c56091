// Helpers for the preflight tests: the loopback peers (started by CTest's probes-peers fixture,
// or here when the suite runs on its own), configs written to a temp dir, and runs of the
// real binary with the JSON report parsed.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "net/transport.h"

namespace od::test {

// A scripted HTTP answer, for classification and transport-free probe tests.
inline HttpResponse http_reply(long status, std::string body, Headers headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

struct Peers {
  std::string dir;                                    // harness state dir
  std::string url(const std::string& variant) const;  // base URL of op-<variant>
  std::string proxy() const;                          // tinyproxy on loopback
  std::string proxy_log() const;
  std::string ca() const;     // test CA (PEM)
  std::string netns() const;  // namespace name, "" when unavailable
  std::string netns_proxy() const;
  std::string netns_skip_reason() const;
  // squid in mode allow | deny | auth; "" when the harness skipped it (not installed).
  std::string squid(const std::string& mode) const;
  std::string squid_credentials() const;  // "user:password" of the auth mode
  // The URL an extra peer wrote (lemonldap/llng.url, mock-op/mockop.url); "" when skipped.
  std::string extra(const std::string& name, const std::string& file) const;
};
const Peers& peers();

// Writes `text` to a fresh file in a per-process temp dir and returns its path.
std::string write_temp(const std::string& name, const std::string& text);
std::string temp_dir();

struct Report {
  int exit_code = -1;
  std::string out, err;
  nlohmann::json json;                     // parsed stdout (null when not JSON)
  std::vector<std::string> rules() const;  // rule IDs, in report order
  int count(const std::string& rule) const;
  const nlohmann::json* first(const std::string& rule) const;
};
// Runs `[prefix] oidc-doctor preflight ARGS --format json` with extra environment assignments
// (e.g. "SECRET=x") from the source dir.
Report preflight(const std::string& args, const std::string& env = "", const std::string& prefix = "");

// A generic-platform config: one environment per (name, url, proxy line), the web client
// `client_id` with secret ${env:PF_SECRET}, scopes with offline_access.
std::string generic_config(const std::string& metadata_url, const std::string& client_id,
                           const std::vector<std::vector<std::string>>& envs, const std::string& client_extra = "");

}  // namespace od::test
