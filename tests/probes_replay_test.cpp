// Every recording under fixtures/recordings/<ID>/ replays offline: trigger* folders must report
// <ID>, clean* folders must not. Recordings are labelled, cover every provider, and hold
// no secret.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "probes_support.h"
#include "rules/registry.h"
#include "support.h"

using namespace od;
using namespace od::test;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  std::string rule, variant, dir;
};

std::vector<Fixture> fixtures() {
  std::vector<Fixture> out;
  for (auto& rule : fs::directory_iterator(source_path("fixtures/recordings"))) {
    if (!rule.is_directory()) continue;
    for (auto& v : fs::directory_iterator(rule.path()))
      if (v.is_directory())
        out.push_back({rule.path().filename().string(), v.path().filename().string(), v.path().string()});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.dir < b.dir; });
  return out;
}

std::string kind_of(const std::string& config_text) {
  static const std::regex re(R"(\n\s+kind:\s*(\S+))");
  std::smatch m;
  return std::regex_search(config_text, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_SUITE("probes") {
  TEST_CASE("replay: every recording reports its rule in trigger*, never in clean*") {
    int triggers = 0, cleans = 0;
    for (auto& f : fixtures()) {
      CAPTURE(f.dir);
      const Rule* rule = find_rule(f.rule);
      REQUIRE_MESSAGE(rule, "fixtures/recordings/" << f.rule << " is not a registered rule");
      const bool probe_rule = rule->phase == Phase::Probe;
      CHECK(probe_rule);  // recordings are for probe rules only
      bool trigger = f.variant.starts_with("trigger"), clean = f.variant.starts_with("clean");
      REQUIRE_MESSAGE((trigger || clean), "folder names start with trigger or clean");
      auto r = preflight("--replay " + f.dir);
      REQUIRE_MESSAGE(r.json.is_object(), r.err);
      CHECK((r.exit_code == 0 || r.exit_code == 1));
      if (trigger) {
        CHECK_MESSAGE(r.count(f.rule) > 0, r.out);
        ++triggers;
      } else {
        CHECK_MESSAGE(r.count(f.rule) == 0, r.out);
        ++cleans;
      }
    }
    CHECK(triggers >= 36);
    CHECK(cleans >= 36);
  }

  TEST_CASE("replay: each probe rule has a trigger and a clean recording") {
    for (const Rule* r : all_rules()) {
      if (!r->id.starts_with("OD3")) continue;  // probe rules are the OD3xxx group
      CAPTURE(r->id);
      CHECK(r->phase == Phase::Probe);
      const bool own_check = r->probe_check != nullptr;  // its check over the facts, in its own file
      CHECK(own_check);
      std::string dir = source_path("fixtures/recordings/" + std::string(r->id));
      CHECK(fs::exists(dir + "/trigger/recording.json"));
      CHECK(fs::exists(dir + "/clean/recording.json"));
    }
  }

  TEST_CASE("replay: recordings are labelled, and other providers are covered from their documentation") {
    std::map<std::string, std::set<std::string>> documented;  // provider kind -> rules
    for (auto& f : fixtures()) {
      CAPTURE(f.dir);
      auto rec = nlohmann::json::parse(read_file(f.dir + "/recording.json"), nullptr, false);
      REQUIRE(rec.is_object());
      std::string label = rec.value("label", "");
      CHECK((label == "recorded from node-oidc-provider 9.13.3" || label == "recorded from LemonLDAP::NG 2.16.1" ||
             label == "recorded from oauth2-mock-server 8.2.3" || label == "built from documented behaviour"));
      CHECK_FALSE(rec.value("source", "").empty());
      if (label == "built from documented behaviour" && f.variant.starts_with("trigger"))
        documented[kind_of(read_file(f.dir + "/config.yaml"))].insert(f.rule);
    }
    for (std::string p : {"entra", "okta", "keycloak", "auth0", "google"}) {
      CAPTURE(p);
      CHECK(documented[p].count("OD3301"));  // redirect URI classifier
      CHECK(documented[p].count("OD3302"));  // client id classifier
      CHECK(documented[p].count("OD3401"));  // secret classifier
    }
    CHECK(documented["adfs"].count("OD3303"));  // AD FS keeps the reason in its event log
    CHECK(documented["adfs"].count("OD3401"));
    CHECK(documented["entra"].count("OD3402"));
  }

  TEST_CASE("replay: no recording holds a secret") {
    static const std::regex basic(R"(Basic (?!\[redacted\]|realm=)[A-Za-z0-9+/=]{6,})");
    static const std::regex form(R"((^|[&?"\s])(client_secret|code)=(?!\[redacted\])[^&"\s]+)");
    for (auto& f : fixtures()) {
      CAPTURE(f.dir);
      std::string all = read_file(f.dir + "/recording.json") + read_file(f.dir + "/config.yaml");
      for (std::string s : {"web-basic-secret", "web-post-secret", "Wrong-Secret", "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga"})
        CHECK(all.find(s) == std::string::npos);
      CHECK_FALSE(std::regex_search(all, basic));
      CHECK_FALSE(std::regex_search(all, form));
    }
  }

  TEST_CASE("replay: recordings carry the canaries' answers; one made before canaries keeps its verdicts") {
    // Re-recorded with canaries: the wording tables off, the comparison still finds the refusal.
    auto rec = nlohmann::json::parse(read_file(source_path("fixtures/recordings/OD3301/trigger/recording.json")));
    int canaries = 0;
    for (auto& x : rec["exchanges"]) canaries += x.value("probe", "").starts_with("canary-");
    CHECK(canaries == 3);  // redirect URI and client id (one route), token
    auto off = preflight("--replay " + source_path("fixtures/recordings/OD3301/trigger"), "OD_PREFLIGHT_WORDINGS=off");
    CHECK(off.count("OD3301") == 1);
    CHECK(off.json["summary"]["warnings"] == 0);
    // A documented recording has no canary answer: its verdicts are the wording tables' alone,
    // and without them an honest "cannot tell", never a verdict of their own.
    std::string okta = source_path("fixtures/recordings/OD3301/trigger-okta");
    CHECK(read_file(okta + "/recording.json").find("canary-") == std::string::npos);
    CHECK(preflight("--replay " + okta).count("OD3301") == 1);
    auto bare = preflight("--replay " + okta, "OD_PREFLIGHT_WORDINGS=off");
    CHECK(bare.count("OD3301") == 0);
    CHECK(bare.count("OD3305") == 0);
    CHECK(bare.count("OD3303") >= 1);
  }

  TEST_CASE("replay: the same recording gives the same report, in text too") {
    std::string dir = source_path("fixtures/recordings/OD3301/trigger");
    auto a = preflight("--replay " + dir), b = preflight("--replay " + dir);
    CHECK(a.out == b.out);
    auto text = run_cli("preflight --replay " + dir + " --color never");
    CHECK(text.exit_code == 1);
    CHECK(text.out.find("OD3301 redirect-uri-rejected") != std::string::npos);
    CHECK(text.out.find("config.yaml:") != std::string::npos);
  }
}
