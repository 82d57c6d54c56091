#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/schema.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "support.h"

using namespace od;

namespace {
Expected<Config> load_text(const std::string& text, LoadOptions o = {}) {
  return load_config_text(text, "t.yaml", ".", o);
}
const char* kMinimal = R"(version: 1
platform: outsystems
provider:
  kind: okta
  metadata_url: https://acme.okta.com/oauth2/default/.well-known/openid-configuration
  web_client:
    client_id: 0oa1
    client_secret: ${env:OD_CONFIG_TEST_SECRET}
environments:
  - name: dev
    url: https://dev.acme.com
)";
}  // namespace

TEST_SUITE("config") {
  TEST_CASE("values keep their file positions") {
    setenv("OD_CONFIG_TEST_SECRET", "value-never-printed", 1);
    auto cfg = load_text(kMinimal);
    REQUIRE(cfg.ok());
    auto* web = cfg->client("web_client");
    REQUIRE(web);
    CHECK(web->pos.line == 6);
    CHECK(web->client_id->pos.line == 7);
    CHECK(web->client_id->pos.column == 16);
    CHECK(web->secret->source == Secret::Source::Env);
    CHECK(web->secret->value == "value-never-printed");
    CHECK(cfg->environments[0].url.pos.line == 11);
  }

  TEST_CASE("malformed input is one error naming file:line:column") {
    auto e = load_config(test::source_path("fixtures/configs/malformed-yaml.yaml"));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where.ends_with("malformed-yaml.yaml:9:17"));
    CHECK(e.error().message.find("never closed") != std::string::npos);

    e = load_config(test::source_path("fixtures/configs/wrong-type.yaml"));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where.ends_with("wrong-type.yaml:9:11"));
    CHECK(e.error().message.find("must be a list") != std::string::npos);

    e = load_config(test::source_path("fixtures/configs/missing-required.yaml"));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.find("missing required key `provider`") != std::string::npos);

    e = load_text("version: 1\nversion: 2\n");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().str() == "t.yaml:2:1: duplicate key `version`");

    e = load_text("version: 1\nplatform: outsytems\nenvironments: []\n");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.find("did you mean `outsystems`") != std::string::npos);

    e = load_text("a: [1, 2\n");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.starts_with("malformed YAML"));

    e = load_config_text("{\"version\": 1,", "c.json", ".");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.starts_with("malformed JSON"));

    e = load_text(std::string("version: 1\0\x01\x02", 13));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.find("binary") != std::string::npos);

    std::string deep = "a: " + std::string(20000, '[') + std::string(20000, ']') + "\n";
    CHECK_FALSE(load_text(deep).ok());  // refused, not a stack overflow
  }

  TEST_CASE("secret references: unset env and unreadable file are errors; literal and opt-out work") {
    unsetenv("OD_CONFIG_TEST_SECRET");
    auto e = load_text(kMinimal);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().str() ==
          "t.yaml:8:20: environment variable OD_CONFIG_TEST_SECRET (used for client_secret) is not set");
    auto ok = load_text(kMinimal, {.resolve_secrets = false});
    REQUIRE(ok.ok());
    CHECK_FALSE(ok->client("web_client")->secret->value.has_value());

    std::string with_file = kMinimal;
    with_file.replace(with_file.find("${env:OD_CONFIG_TEST_SECRET}"), 28, "${file:no/such/secret.txt}");
    e = load_text(with_file);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().message.find("cannot read secret file no/such/secret.txt") != std::string::npos);

    auto dir = std::filesystem::temp_directory_path() / "od-config-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "secret.txt") << "from-a-file\n";
    with_file.replace(with_file.find("${file:no/such/secret.txt}"), 26, "${file:secret.txt}");
    auto f = load_config_text(with_file, "t.yaml", dir.string());
    REQUIRE(f.ok());
    CHECK(f->client("web_client")->secret->value == "from-a-file");
  }

  TEST_CASE("unknown keys become findings with a suggestion, not errors") {
    setenv("OD_CONFIG_TEST_SECRET", "x", 1);
    std::string text = kMinimal;
    text += "  - name: qa\n    url: https://qa.acme.com\n    proxi: none\n";
    auto cfg = load_text(text);
    REQUIRE(cfg.ok());
    REQUIRE(cfg->unknown_keys.size() == 1);
    CHECK(cfg->unknown_keys[0].key == "proxi");
    CHECK(cfg->unknown_keys[0].suggestion == "proxy");
    CHECK(cfg->unknown_keys[0].pos.line == 14);
  }

  TEST_CASE("the JSON rendering of a config finds exactly what its YAML twin finds") {
    setenv("OD_TEST_SECRET", "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga", 0);
    auto y = load_config(test::source_path("fixtures/configs/outsystems-okta-clean.yaml"));
    auto j = load_config(test::source_path("fixtures/configs/outsystems-okta-clean.json"));
    REQUIRE(y.ok());
    REQUIRE_MESSAGE(j.ok(), (j.ok() ? "" : j.error().str()));
    CHECK(y->environments.size() == j->environments.size());
    CHECK(y->clients.size() == j->clients.size());
    auto today = *Date::parse("2026-11-22");
    CHECK(run_rules(*y, today).size() == run_rules(*j, today).size());
  }

  TEST_CASE("the shipped JSON Schema file is the one the code generates") {
    CHECK(test::read_file(test::source_path("schema/oidc-doctor.schema.json")) == schema::json_schema());
  }
}
