#include "probes_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support.h"

namespace od::test {

namespace {
// Removes this run's temp dir at exit; constructed before, so destroyed after, the peers below
// (whose state lives in it when the suite started them itself).
struct TempCleanup {
  ~TempCleanup() {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("od-probes-" + std::to_string(::getpid())),
                                ec);
  }
} temp_cleanup;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Started here only when CTest's fixture did not (running od-tests by hand).
struct OwnPeers {
  Peers p;
  bool own = false;
  OwnPeers() {
    if (const char* d = std::getenv("OD_PEERS_DIR"); d && *d) {
      p.dir = d;
      return;
    }
    p.dir = temp_dir() + "/peers";
    own = true;
    std::string cmd = source_path("tests/peers/harness.sh") + " start " + p.dir + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("tests/peers/harness.sh start failed");
  }
  ~OwnPeers() {
    if (own) std::system((source_path("tests/peers/harness.sh") + " stop " + p.dir + " >/dev/null 2>&1").c_str());
  }
};
}  // namespace

std::string Peers::url(const std::string& v) const { return trimmed(read_file(dir + "/op-" + v + "/op.url")); }
std::string Peers::proxy() const { return trimmed(read_file(dir + "/proxy/proxy.url")); }
std::string Peers::proxy_log() const { return read_file(dir + "/proxy/proxy.log"); }
std::string Peers::ca() const { return dir + "/tls/ca.pem"; }
std::string Peers::netns() const {
  return std::filesystem::exists(dir + "/netns/proxy.url") ? trimmed(read_file(dir + "/netns/name")) : "";
}
std::string Peers::netns_proxy() const { return trimmed(read_file(dir + "/netns/proxy.url")); }
std::string Peers::netns_skip_reason() const { return trimmed(read_file(dir + "/netns.skipped")); }

std::string Peers::squid(const std::string& mode) const {
  std::string f = dir + "/squid-" + mode + "/squid.url";
  return std::filesystem::exists(f) ? trimmed(read_file(f)) : "";
}
std::string Peers::extra(const std::string& name, const std::string& file) const {
  std::string f = dir + "/" + name + "/" + file;
  return std::filesystem::exists(f) ? trimmed(read_file(f)) : "";
}
std::string Peers::squid_credentials() const { return trimmed(read_file(dir + "/squid-auth/squid.credentials")); }

const Peers& peers() {
  static OwnPeers own;
  return own.p;
}

std::string temp_dir() {
  static const std::string dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("od-probes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = temp_dir() + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

std::vector<std::string> Report::rules() const {
  std::vector<std::string> out;
  if (json.is_object() && json.contains("findings"))
    for (auto& f : json["findings"]) out.push_back(f["rule"].get<std::string>());
  return out;
}

int Report::count(const std::string& rule) const {
  int n = 0;
  for (auto& r : rules()) n += r == rule;
  return n;
}

const nlohmann::json* Report::first(const std::string& rule) const {
  if (json.is_object() && json.contains("findings"))
    for (auto& f : json["findings"])
      if (f["rule"] == rule) return &f;
  return nullptr;
}

Report preflight(const std::string& args, const std::string& env, const std::string& prefix) {
  static int n = 0;
  std::string base = temp_dir() + "/run" + std::to_string(++n);
  std::string cmd = "cd " + std::string(OD_SOURCE_DIR) + " && env " + env + " " + prefix + " " + OD_BINARY +
                    " preflight " + args + " --format json </dev/null >" + base + ".out 2>" + base + ".err";
  int status = std::system(cmd.c_str());
  Report r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  r.json = nlohmann::json::parse(r.out, nullptr, false);
  if (r.json.is_discarded()) r.json = nullptr;
  return r;
}

std::string generic_config(const std::string& metadata_url, const std::string& client_id,
                           const std::vector<std::vector<std::string>>& envs, const std::string& client_extra) {
  std::string s =
      "version: 1\nplatform: generic\napp: { redirect_path: /oidc/callback }\nprovider:\n  kind: generic\n"
      "  metadata_url: " +
      metadata_url +
      "/.well-known/openid-configuration\n"
      "  scopes: [openid, offline_access]\n  web_client:\n    client_id: " +
      client_id + "\n    client_secret: ${env:PF_SECRET}\n    grant_types: [authorization_code, refresh_token]\n" +
      client_extra + "environments:\n";
  for (auto& e : envs) {
    s += "  - name: " + e[0] + "\n    url: " + e[1] + "\n";
    if (e.size() > 2) s += "    " + e[2] + "\n";
  }
  return s;
}

}  // namespace od::test
