// Golden tests of the text and JSON reports, through the real binary. Set OD_UPDATE_GOLDEN=1 to
// rewrite the files after an intended change, then review the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.h"

using od::test::read_file;
using od::test::run_cli;
using od::test::source_path;

namespace {
void check_golden(const std::string& name, const std::string& actual) {
  std::string path = source_path("fixtures/golden/" + name);
  if (std::getenv("OD_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
  CHECK_MESSAGE(read_file(path) == actual, "golden differs: " << path);
}

struct Case {
  const char* config;
  const char* golden;
  const char* extra;
};
constexpr Case kCases[] = {
    {"examples/acme-outsystems-okta.yaml", "acme-outsystems-okta", "--no-resolve-secrets"},
    {"fixtures/configs/outsystems-entra-broken.yaml", "outsystems-entra-broken", ""},
    {"fixtures/configs/posit-connect-broken.yaml", "posit-connect-broken", ""},
    {"fixtures/configs/generic-auth0-broken.yaml", "generic-auth0-broken", ""},
};
}  // namespace

TEST_SUITE("report") {
  TEST_CASE("text and JSON reports match their goldens") {
    for (auto& c : kCases) {
      CAPTURE(c.config);
      std::string base = std::string("lint ") + c.config + " --today 2026-11-22 --color never " + c.extra;
      auto text = run_cli(base);
      CHECK(text.exit_code == 1);
      CHECK(text.err.empty());
      check_golden(std::string(c.golden) + ".txt", text.out);
      auto json = run_cli(base + " --format json");
      CHECK(json.exit_code == 1);
      check_golden(std::string(c.golden) + ".json", json.out);
    }
  }

  TEST_CASE("SARIF, JUnit, GitHub and GitLab reports match their goldens") {
    // Relative paths keep the goldens independent of where the tree is checked out.
    std::string base = "lint fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22 --format ";
    for (auto [format, ext] :
         {std::pair{"sarif", "sarif"}, {"junit", "junit.xml"}, {"github", "github.txt"}, {"gitlab", "gitlab.json"}}) {
      const char* shown = format;  // (clang 14 cannot capture a structured binding)
      CAPTURE(shown);
      auto r = run_cli(base + format);
      CHECK(r.exit_code == 1);
      check_golden(std::string("outsystems-entra-broken.") + ext, r.out);
    }
  }

  TEST_CASE("JSON report follows the documented shape") {
    auto r = run_cli("lint fixtures/configs/outsystems-okta-broken.yaml --today 2026-11-22 --format json");
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["schema"] == 1);
    REQUIRE(doc["findings"].is_array());
    REQUIRE_FALSE(doc["findings"].empty());
    for (auto& f : doc["findings"]) {
      for (auto key : {"rule", "name", "severity", "category", "message", "fix", "environment", "client", "location",
                       "predicted_errors"})
        CHECK_MESSAGE(f.contains(key), key);
      CHECK(f["location"]["line"].get<int>() > 0);
      CHECK(f["location"]["file"] == "fixtures/configs/outsystems-okta-broken.yaml");
    }
    CHECK(doc["summary"]["errors"].get<int>() + doc["summary"]["warnings"].get<int>() +
              doc["summary"]["info"].get<int>() ==
          static_cast<int>(doc["findings"].size()));
    CHECK(doc["summary"]["failed"] == true);
  }

  TEST_CASE("secrets never appear in any output") {
    // OD_TEST_SECRET is resolved by the loader; its value must not leak into reports.
    const char* secret = std::getenv("OD_TEST_SECRET");
    REQUIRE(secret);
    for (auto fmt : {"text", "json"}) {
      auto r = run_cli(
          std::string("lint fixtures/configs/outsystems-keycloak-broken.yaml --today 2026-11-22 --format ") + fmt);
      CHECK(r.out.find(secret) == std::string::npos);
      // The keycloak fixture holds a literal secret (OD2401); the report names it but never shows it.
      CHECK(r.out.find("OD2401") != std::string::npos);
    }
    std::string literal;
    {
      std::string text = read_file(source_path("fixtures/configs/outsystems-keycloak-broken.yaml"));
      auto at = text.find("client_secret: ");
      REQUIRE(at != std::string::npos);
      literal = text.substr(at + 15, text.find('\n', at) - at - 15);
      if (auto hash = literal.find(" #"); hash != std::string::npos) literal.resize(hash);
    }
    REQUIRE(literal.size() > 8);
    auto r = run_cli("lint fixtures/configs/outsystems-keycloak-broken.yaml --today 2026-11-22 --format json");
    CHECK(r.out.find(literal) == std::string::npos);
  }
}

TEST_SUITE("report") {
  TEST_CASE("a password written into a proxy URL reaches no output format") {
    // OD2102 names the proxy addresses it compares; one of them carries user:password@.
    std::string text = od::test::read_file(od::test::source_path("fixtures/rules/OD2102/trigger.yaml"));
    const std::string password = "Pr0xyPassw0rdXyz";
    auto at = text.find("http://proxy-dc2.acme.com");
    REQUIRE(at != std::string::npos);
    text.replace(at, 7, "http://svc-oidc:" + password + "@");
    od::test::Scratch dir("url-credentials");
    auto cfg = dir.write("oidc-doctor.yaml", text);
    for (std::string format : {"text", "json", "sarif", "junit", "github", "gitlab"}) {
      CAPTURE(format);
      auto r = od::test::run_cli("lint --no-resolve-secrets --today 2026-11-22 --format " + format + " " + cfg);
      CHECK_MESSAGE(r.exit_code <= 1, r.err);
      CHECK(r.out.find("svc-oidc:[redacted]@") != std::string::npos);
      CHECK(r.out.find(password) == std::string::npos);
      CHECK(r.err.find(password) == std::string::npos);
    }
  }
}
