// preflight against real loopback peers: node-oidc-provider 9.13.3 (with fault modes), a test PKI
// and tinyproxy, started by tests/peers/harness.sh (CTest fixture `probes-peers`).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "net/transport.h"

#include "probes_support.h"
#include "support.h"

using namespace od::test;

namespace {

const std::string kSecret = "PF_SECRET=web-basic-secret";

std::string cfg_for(const std::string& variant, const std::string& client = "web-basic",
                    const std::vector<std::vector<std::string>>& envs = {{"app", "https://app.example.test"}},
                    const std::string& extra = "") {
  return write_temp(variant + "-" + client + std::to_string(envs.size()) + ".yaml",
                    generic_config(peers().url(variant), client, envs, extra));
}

bool mentions(const Report& r, const std::string& rule, const std::string& text) {
  for (auto& f : r.json["findings"])
    if (f["rule"] == rule && f["message"].get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

int probe_findings(const Report& r) {
  int n = 0;
  for (auto& id : r.rules()) n += id.starts_with("OD3");
  return n;
}

}  // namespace

TEST_SUITE("probes-live") {
  TEST_CASE("live: a clean local IdP gives no probe finding, and nothing but the report on stdout") {
    auto r = preflight(cfg_for("main"), kSecret);
    REQUIRE(r.json.is_object());
    CHECK(probe_findings(r) == 0);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());  // stderr is not a TTY: no progress line
  }

  TEST_CASE("live: registered vs unregistered redirect URI") {
    auto path = cfg_for("main", "web-basic", {{"app", "https://app.example.test"}, {"qa", "https://qa.example.test"}});
    auto r = preflight(path, kSecret);
    REQUIRE(r.count("OD3301") == 1);
    auto* f = r.first("OD3301");
    CHECK((*f)["environment"] == "qa");
    CHECK(mentions(r, "OD3301", "https://qa.example.test/oidc/callback"));
    CHECK(mentions(r, "OD3301", "redirect_uri did not match any of the client's registered redirect_uris"));
    CHECK((*f)["location"]["line"] == 8);  // the web_client key: the config lists no redirect_uris
    CHECK_FALSE((*f)["predicted_errors"].empty());
    CHECK(r.exit_code == 1);
  }

  TEST_CASE("live: right vs wrong secret, Basic and form-post clients, secret never recorded") {
    for (std::string client : {"web-basic", "web-post"}) {
      CAPTURE(client);
      std::string path = cfg_for("main", client);
      auto right = preflight(path, "PF_SECRET=" + client + "-secret");
      CHECK(right.count("OD3401") == 0);
      CHECK(right.count("OD3403") == 0);
      std::string rec = temp_dir() + "/rec-wrong-" + client;
      auto wrong = preflight(path + " --record " + rec, "PF_SECRET=Wrong-Secret-4711");
      REQUIRE(wrong.count("OD3401") == 1);
      CHECK(mentions(wrong, "OD3401", "invalid_client: client authentication failed"));
      CHECK((*wrong.first("OD3401"))["location"]["line"] == 10);  // the client_secret value
      std::string recorded = read_file(rec + "/recording.json") + read_file(rec + "/config.yaml");
      CHECK(recorded.find("Wrong-Secret-4711") == std::string::npos);
      CHECK(recorded.find("V3JvbmctU2VjcmV0") == std::string::npos);  // nor its Base64 in Basic
      CHECK(wrong.out.find("Wrong-Secret-4711") == std::string::npos);
    }
  }

  TEST_CASE("live: unknown client id") {
    auto r = preflight(cfg_for("main", "no-such-client"), kSecret);
    REQUIRE(r.count("OD3302") == 1);
    CHECK(mentions(r, "OD3302", "invalid_client: client is invalid"));
    CHECK((*r.first("OD3302"))["location"]["line"] == 9);  // the client_id value
    CHECK(r.count("OD3401") == 0);                         // the secret of an unknown client is not judged
  }

  TEST_CASE("live: issuer mismatch and missing S256") {
    auto iss = preflight(cfg_for("issuer"), kSecret);
    CHECK(iss.count("OD3005") == 1);
    CHECK(mentions(iss, "OD3005", "host other.example instead of 127.0.0.1"));
    auto s256 = preflight(cfg_for("s256"), kSecret);
    CHECK(s256.count("OD3008") == 1);
    CHECK(mentions(s256, "OD3008", "[plain]"));
  }

  TEST_CASE("live: unreachable metadata is a finding, not a crash") {
    auto path = write_temp("dead.yaml",
                           generic_config("http://127.0.0.1:9", "web-basic", {{"app", "https://app.example.test"}}));
    auto r = preflight(path, kSecret);
    CHECK(r.exit_code == 1);
    CHECK(r.count("OD3001") == 1);
    CHECK(mentions(r, "OD3001", "Couldn't connect to server"));
  }

  TEST_CASE("live: a slow server hits the per-request timeout, and the deadline holds") {
    auto t0 = std::chrono::steady_clock::now();
    auto r = preflight(cfg_for("slow") + " --timeout 1", kSecret);
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(r.count("OD3001") == 1);
    CHECK(mentions(r, "OD3001", "timed out"));
    CHECK(took < std::chrono::milliseconds(4000));  // the server would answer after 5 s
    auto d = preflight(cfg_for("slow") + " --timeout 30 --deadline 1", kSecret);
    CHECK(d.exit_code == 1);
    CHECK(mentions(d, "OD3001", "overall deadline"));
  }

  TEST_CASE("live: an oversized discovery document is refused at the cap") {
    auto r = preflight(cfg_for("big"), kSecret);
    CHECK(r.count("OD3004") == 1);
    CHECK(r.count("OD3002") == 0);
  }

  TEST_CASE("live: TLS failures carry the certificate; --ca-file makes the test CA trusted") {
    auto untrusted = preflight(cfg_for("https"), kSecret);
    REQUIRE(untrusted.count("OD3201") == 1);
    CHECK(mentions(untrusted, "OD3201", "unable to get local issuer certificate"));
    CHECK(mentions(untrusted, "OD3201", "issuer CN=oidc-doctor test CA"));
    auto trusted = preflight(cfg_for("https") + " --ca-file " + peers().ca(), kSecret);
    CHECK(probe_findings(trusted) == 0);
    auto expired = preflight(cfg_for("expired") + " --ca-file " + peers().ca(), kSecret);
    CHECK(expired.count("OD3203") == 1);
    CHECK(mentions(expired, "OD3203", "valid 2020-01-01 00:00:00 UTC to 2020-12-31 23:59:59 UTC"));
    auto wrong = preflight(cfg_for("wronghost") + " --ca-file " + peers().ca(), kSecret);
    CHECK(wrong.count("OD3202") == 1);
    CHECK(mentions(wrong, "OD3202", "names DNS:wrong.example"));
  }

  TEST_CASE("live: an environment's proxy is used (tinyproxy's log), a direct one ignores http_proxy") {
    std::string proxy = peers().proxy();
    std::string http_url = peers().url("main"), https_url = peers().url("https");
    auto via = preflight(
        cfg_for("main", "web-basic", {{"app", "https://app.example.test", "proxy: { address: '" + proxy + "' }"}}),
        kSecret);
    CHECK(probe_findings(via) == 0);
    CHECK(peers().proxy_log().find("GET " + http_url + "/.well-known/openid-configuration HTTP/1.1") !=
          std::string::npos);
    auto tls = preflight(
        cfg_for("https", "web-basic", {{"app", "https://app.example.test", "proxy: { address: '" + proxy + "' }"}}) +
            " --ca-file " + peers().ca(),
        kSecret);
    CHECK(probe_findings(tls) == 0);
    CHECK(peers().proxy_log().find("CONNECT " + https_url.substr(8) + " HTTP/1.1") != std::string::npos);
    // A dead proxy in the process environment must not matter: routes come from the config.
    auto direct = preflight(
        cfg_for("main", "web-basic", {{"app", "https://app.example.test", "proxy: none"}}),
        kSecret + " http_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9");
    CHECK(probe_findings(direct) == 0);
    auto dead = preflight(
        cfg_for("main", "web-basic", {{"app", "https://app.example.test", "proxy: { address: 'http://127.0.0.1:9' }"}}),
        kSecret);
    CHECK(dead.count("OD3502") == 1);
  }

  TEST_CASE("live: squid refusing or asking for credentials is the proxy's answer (OD3502), over http and https") {
    std::string deny = peers().squid("deny"), auth = peers().squid("auth");
    if (deny.empty() || auth.empty()) {
      MESSAGE("skipped: squid is not installed");
      return;
    }
    auto via = [](const std::string& proxy) { return "proxy: { address: '" + proxy + "' }"; };
    for (std::string variant : {"main", "https"}) {
      CAPTURE(variant);
      const bool tls = variant == "https";
      const std::string ca = tls ? " --ca-file " + peers().ca() : "";
      const std::string refused = tls ? "the proxy refused the tunnel" : "the proxy refused the request";
      // deny: squid's own 403; the other environment goes direct and reads the document.
      auto d = preflight(cfg_for(variant, "web-basic",
                                 {{"app", "https://app.example.test", via(deny)},
                                  {"dev", "https://dev.example.test", "proxy: none"}}) +
                             ca,
                         kSecret);
      REQUIRE(d.count("OD3502") == 1);
      CHECK((*d.first("OD3502"))["environment"] == "app");
      CHECK(mentions(d, "OD3502", refused + " ("));
      CHECK(mentions(d, "OD3502", tls ? "CONNECT answered 403" : "HTTP 403 from the proxy"));
      CHECK(mentions(d, "OD3502", "X-Squid-Error: ERR_ACCESS_DENIED 0"));
      CHECK(d.count("OD3501") == 0);  // not the IdP's answer on a divergent path
      CHECK(d.count("OD3001") == 0);
      // auth without credentials: squid's 407 names the scheme it wants.
      auto a = preflight(cfg_for(variant, "web-basic", {{"app", "https://app.example.test", via(auth)}}) + ca, kSecret);
      REQUIRE(a.count("OD3502") == 1);
      CHECK(mentions(a, "OD3502", refused + ": it wants credentials, scheme Basic"));
      CHECK(mentions(a, "OD3502", tls ? "CONNECT answered 407" : "HTTP 407 from the proxy"));
      CHECK(mentions(a, "OD3502", "X-Squid-Error: ERR_CACHE_ACCESS_DENIED 0"));
      CHECK(a.count("OD3001") == 0);
      // auth with the right credentials: the proxy forwards and nothing is wrong.
      std::string with = auth.replace(auth.find("://") + 3, 0, peers().squid_credentials() + "@");
      auto ok =
          preflight(cfg_for(variant, "web-basic", {{"app", "https://app.example.test", via(with)}}) + ca, kSecret);
      CHECK(ok.count("OD3502") == 0);
      CHECK(probe_findings(ok) == 0);
      auth = peers().squid("auth");
    }
  }

  TEST_CASE("live: over HTTP/1.1 a loopback host gets --concurrency in flight by default, others --per-host") {
    // 40 requests to a plain-http loopback OP that answers after 500 ms. By default all 40 are in
    // flight at once: the OP saw every one arrive before it sent its first answer. With an
    // explicit --per-host 20 the 21st can only start once an answer came back. (The OP's own
    // clock, not ours: nothing here depends on how loaded the machine is.)
    std::string state = temp_dir() + "/op-h1-slow";
    std::string conf = write_temp("op-h1-slow.json", "");
    REQUIRE(
        std::system(("OP_STATS=1 node " + od::test::source_path("tests/peers/op-config.mjs") + " main '' 500 >" + conf)
                        .c_str()) == 0);
    REQUIRE(
        std::system((od::test::source_path("tests/peers/peers.sh") + " start-op " + state + " " + conf + " >/dev/null")
                        .c_str()) == 0);
    struct Stop {
      std::string dir;
      ~Stop() {
        std::system((od::test::source_path("tests/peers/peers.sh") + " stop " + dir + " >/dev/null 2>&1").c_str());
      }
    } stop{state};
    const std::string base = read_file(state + "/op.url").substr(0, read_file(state + "/op.url").find('\n'));
    // Runs 40 requests with `per_host` (0: the default), then reads the OP's log of them.
    auto waves = [&](int per_host) {
      od::EngineOptions o;
      o.per_host = per_host;
      auto net = od::make_curl_transport(o);
      od::HttpRequest stats;
      stats.probe = "discovery";
      stats.url = base + "/__op/stats?reset";
      net->submit(stats, [](const od::HttpResponse&) {});
      net->run();
      int ok = 0;
      for (int i = 0; i < 40; ++i) {
        od::HttpRequest r;
        r.probe = "discovery";
        r.url = base + "/.well-known/openid-configuration";
        net->submit(r, [&](const od::HttpResponse& resp) { ok += resp.ok() && resp.status == 200; });
      }
      net->run();
      nlohmann::json log;
      stats.url = base + "/__op/stats";
      net->submit(stats, [&](const od::HttpResponse& resp) { log = nlohmann::json::parse(resp.body, nullptr, false); });
      net->run();
      CHECK(ok == 40);
      REQUIRE(log.is_object());
      REQUIRE(log["requests"].size() == 40);
      double last_arrival = 0, first_answer = 1e300;
      for (auto& x : log["requests"]) {
        last_arrival = std::max(last_arrival, x["arrived_ms"].get<double>());
        first_answer = std::min(first_answer, x["sent_ms"].get<double>());
      }
      return last_arrival < first_answer ? 1 : 2;
    };
    CHECK(waves(0) == 1);
    CHECK(waves(20) == 2);
  }

  TEST_CASE("live: the h2 peer is spoken to over HTTP/2, its requests multiplexed past the per-host cap") {
    // In-process, the engine itself: 12 requests to one h2 host answering after 300 ms, with a
    // per-host cap of 1. Queued behind the cap they would take 3.6 s; multiplexed, the first
    // answer's status line says h2 and the other 11 go out at once on its connection.
    std::string state = temp_dir() + "/op-h2-slow";
    std::string conf = write_temp("op-h2-slow.json", "");
    REQUIRE(std::system(("node " + od::test::source_path("tests/peers/op-config.mjs") + " h2 " + peers().dir +
                         "/tls 300 >" + conf)
                            .c_str()) == 0);
    REQUIRE(
        std::system((od::test::source_path("tests/peers/peers.sh") + " start-op " + state + " " + conf + " >/dev/null")
                        .c_str()) == 0);
    struct Stop {
      std::string dir;
      ~Stop() {
        std::system((od::test::source_path("tests/peers/peers.sh") + " stop " + dir + " >/dev/null 2>&1").c_str());
      }
    } stop{state};
    od::EngineOptions o;
    o.per_host = 1;
    o.ca_file = peers().ca();
    auto net = od::make_curl_transport(o);
    std::vector<od::HttpResponse> got;
    const std::string url = read_file(state + "/op.url").substr(0, read_file(state + "/op.url").find('\n')) +
                            "/.well-known/openid-configuration";
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 12; ++i) {
      od::HttpRequest r;
      r.probe = "discovery";
      r.url = url;
      net->submit(r, [&](const od::HttpResponse& resp) { got.push_back(resp); });
    }
    net->run();
    auto took = std::chrono::steady_clock::now() - t0;
    REQUIRE(got.size() == 12);
    CHECK(took < std::chrono::milliseconds(2000));
    for (auto& r : got) {
      CAPTURE(r.error);
      CHECK(r.ok());
      CHECK(r.status == 200);
      CHECK(r.http_version == "2");
      CHECK(r.cert.has_value());  // streams on a shared connection still carry its certificate
    }
    // The HTTP/1.1 peers stay on HTTP/1.1; a recording keeps the version.
    std::string rec = temp_dir() + "/rec-h2";
    auto r = preflight(cfg_for("h2") + " --ca-file " + peers().ca() + " --record " + rec, kSecret);
    CHECK(probe_findings(r) == 0);
    auto recorded = nlohmann::json::parse(read_file(rec + "/recording.json"), nullptr, false);
    REQUIRE(recorded.is_object());
    int h2 = 0;
    for (auto& x : recorded["exchanges"])
      if (x.contains("response")) h2 += x["response"].value("http_version", "") == "2";
    CHECK(h2 >= 3);  // discovery, JWKS, authorize (and token)
    auto plain = preflight(cfg_for("https") + " --ca-file " + peers().ca() + " --record " + rec + "-h1", kSecret);
    CHECK(read_file(rec + "-h1/recording.json").find("\"http_version\": \"2\"") == std::string::npos);
    CHECK(read_file(rec + "-h1/recording.json").find("\"http_version\": \"1.1\"") != std::string::npos);
  }

  TEST_CASE("live: where the network requires the proxy, the environment without it fails (network namespace)") {
    std::string ns = peers().netns();
    if (ns.empty()) {
      MESSAGE("skipped: " << peers().netns_skip_reason());
      return;
    }
    auto path = cfg_for("main", "web-basic",
                        {{"app", "https://app.example.test", "proxy: { address: '" + peers().netns_proxy() + "' }"},
                         {"dev", "https://dev.example.test", "proxy: none"}});
    auto r = preflight(path, kSecret, "ip netns exec " + ns);
    REQUIRE(r.count("OD3501") == 1);
    auto* f = r.first("OD3501");
    CHECK((*f)["environment"] == "dev");
    CHECK(mentions(r, "OD3501", "(direct)"));
    CHECK(mentions(r, "OD3501", "environment `app` fetches it (proxy " + peers().netns_proxy() + ")"));
    CHECK(r.count("OD3301") == 0);  // app's probes went through its proxy and passed
    CHECK(read_file(peers().dir + "/netns/proxy.log").find("GET " + peers().url("main") + "/.well-known") !=
          std::string::npos);
  }

  TEST_CASE("live: a redirect from https to plain http is never followed") {
    auto r = preflight(cfg_for("https-downgrade") + " --ca-file " + peers().ca(), kSecret);
    REQUIRE(r.count("OD3601") == 1);
    CHECK(mentions(r, "OD3601", "which is not followed"));
    CHECK(r.count("OD3001") == 0);
  }

  TEST_CASE("live: progress goes to stderr only when it is a terminal") {
    // script(1) gives the run a pseudo-terminal; stdout still goes to a file.
    std::string out = temp_dir() + "/tty.json", log = temp_dir() + "/tty.log";
    std::string cmd = "cd " + std::string(OD_SOURCE_DIR) + " && " + kSecret + " script -qec '" + OD_BINARY +
                      " preflight " + cfg_for("main") + " --format json >" + out + "' " + log + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(read_file(log).find("preflight: ") != std::string::npos);
    CHECK(nlohmann::json::parse(read_file(out), nullptr, false).is_object());  // stdout: the report only
  }

  TEST_CASE("live: --record then --replay gives the same report offline") {
    auto path = cfg_for("main", "web-basic", {{"app", "https://app.example.test"}, {"qa", "https://qa.example.test"}});
    std::string rec = temp_dir() + "/rec-roundtrip-live";
    auto live = preflight(path + " --record " + rec, kSecret);
    auto replay = preflight("--replay " + rec);
    CHECK(replay.exit_code == live.exit_code);
    CHECK(replay.out == live.out);
    CHECK(std::filesystem::exists(rec + "/config.yaml"));
  }

  TEST_CASE("live: with the wording tables off, node-oidc-provider's refusals are still found by the canaries") {
    auto two = cfg_for("main", "web-basic", {{"app", "https://app.example.test"}, {"qa", "https://qa.example.test"}});
    const std::string off = " OD_PREFLIGHT_WORDINGS=off";
    auto uri = preflight(two, kSecret + off);
    REQUIRE(uri.count("OD3301") == 1);
    CHECK((*uri.first("OD3301"))["environment"] == "qa");
    CHECK(mentions(uri, "OD3301", "answered exactly as to a redirect URI that cannot be registered"));
    CHECK(uri.count("OD3305") == 0);
    CHECK(probe_findings(uri) == 1);  // the registered one is accepted, the secret passes
    auto unknown = preflight(cfg_for("main", "no-such-client"), kSecret + off);
    CHECK(unknown.count("OD3302") == 1);
    CHECK(unknown.count("OD3401") == 0);
    for (std::string client : {"web-basic", "web-post"}) {
      CAPTURE(client);
      auto wrong = preflight(cfg_for("main", client), "PF_SECRET=Wrong-Secret-4711" + off);
      REQUIRE(wrong.count("OD3401") == 1);
      CHECK(mentions(wrong, "OD3401", "the same answer as for a client id that cannot exist"));
      auto right = preflight(cfg_for("main", client), "PF_SECRET=" + client + "-secret" + off);
      CHECK(probe_findings(right) == 0);
    }
    // The same runs with the tables on give the same rules (the tables only add the words).
    CHECK(preflight(two, kSecret).rules() == uri.rules());
  }

  TEST_CASE("live: LemonLDAP::NG checks only after sign-in: unverifiable at warning, the secret still judged") {
    std::string llng = peers().extra("lemonldap", "llng.url");
    if (llng.empty()) {
      MESSAGE("skipped: LemonLDAP::NG is not installed");
      return;
    }
    auto path = write_temp(
        "llng.yaml",
        generic_config(llng, "llng-rp", {{"app", "https://app.example.test"}, {"qa", "https://qa.example.test"}}));
    auto r = preflight(path, "PF_SECRET=llng-rp-secret");
    CHECK(r.count("OD3305") == 2);  // app's registered callback and qa's unregistered one alike
    CHECK(mentions(r, "OD3305", "cannot be verified before sign-in on this IdP"));
    CHECK(mentions(r, "OD3305", "checks redirect URIs only after sign-in"));
    CHECK(r.count("OD3301") == 0);  // nothing claimed either way
    CHECK(r.count("OD3304") == 0);
    CHECK(r.count("OD3401") == 0);
    CHECK(r.count("OD3306") == 0);
    for (auto& f : r.json["findings"])
      if (f["severity"] == "error") CHECK_MESSAGE(false, f["message"]);
    CHECK(r.json["summary"]["warnings"] == 2);
    CHECK(r.exit_code == 0);
    CHECK(preflight(path + " --fail-on warning", "PF_SECRET=llng-rp-secret").exit_code == 1);
    // Its token endpoint does check before sign-in: a wrong secret is refused (Basic: 401).
    auto wrong = preflight(path, "PF_SECRET=Wrong-Secret-4711");
    CHECK(wrong.count("OD3401") == 1);
    CHECK(mentions(wrong, "OD3401", "invalid_client"));
    auto off = preflight(path, "PF_SECRET=Wrong-Secret-4711 OD_PREFLIGHT_WORDINGS=off");
    CHECK(off.count("OD3401") == 1);
    CHECK(off.count("OD3305") == 2);
  }

  TEST_CASE("live: a registry-less mock (oauth2-mock-server) accepts anything, and preflight says so") {
    std::string mock = peers().extra("mock-op", "mockop.url");
    if (mock.empty()) {
      MESSAGE("skipped: oauth2-mock-server is not installed");
      return;
    }
    auto path = write_temp(
        "mock.yaml",
        generic_config(mock, "web-basic", {{"app", "https://app.example.test"}, {"qa", "https://qa.example.test"}}));
    auto r = preflight(path, kSecret);
    CHECK(r.count("OD3305") == 2);
    CHECK(mentions(r, "OD3305", "accepts any redirect URI before sign-in"));
    REQUIRE(r.count("OD3306") == 2);  // the canary redirect URI and the canary client id
    CHECK(mentions(r, "OD3306", ".invalid/oidc/callback, a redirect URI nobody can register"));
    CHECK(mentions(r, "OD3306", "accepts any client id"));
    CHECK(r.count("OD3301") == 0);
    CHECK(r.count("OD3304") == 0);
    CHECK(preflight(path + " --fail-on warning", kSecret).exit_code == 1);
  }

  TEST_CASE("live: canaries take the environment's route (tinyproxy, squid)") {
    std::string proxy = peers().proxy(), squid = peers().squid("allow");
    for (std::string via : {proxy, squid}) {
      if (via.empty()) continue;
      CAPTURE(via);
      auto r = preflight(cfg_for("main", "web-basic",
                                 {{"app", "https://app.example.test", "proxy: { address: '" + via + "' }"},
                                  {"qa", "https://qa.example.test", "proxy: { address: '" + via + "' }"}}),
                         kSecret + " OD_PREFLIGHT_WORDINGS=off");
      REQUIRE(r.count("OD3301") == 1);
      CHECK((*r.first("OD3301"))["environment"] == "qa");
      CHECK(r.count("OD3305") == 0);
    }
    CHECK(peers().proxy_log().find("redirect_uri=https%3A%2F%2Fod-canary-") != std::string::npos);
  }

  TEST_CASE("live: usage errors exit 2, never 3") {
    CHECK(preflight(cfg_for("main") + " --ca-file /no/such/ca.pem", kSecret).exit_code == 2);
    CHECK(preflight("--replay " + temp_dir() + "/nothing-here").exit_code == 2);
    CHECK(preflight(cfg_for("main") + " --concurrency 0", kSecret).exit_code == 2);
  }
}
