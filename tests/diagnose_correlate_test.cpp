// `diagnose --config`: the error narrowed to the environment, client and line to change.
#include <doctest/doctest.h>

#include "diagnose/correlate.h"
#include "diagnose/input.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "support.h"

using namespace od;
using namespace od::diagnose;

namespace {

constexpr const char* kTokenPart = "/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx";

Config load(const std::string& fixture) {
  auto cfg = load_config(test::source_path("fixtures/configs/" + fixture), {.resolve_secrets = false});
  REQUIRE_MESSAGE(cfg, (cfg ? "" : cfg.error().str()));
  return std::move(*cfg);
}

Result diagnose_with(const std::string& text, const Config& cfg) {
  auto r = diagnose_text(text, {.platform = cfg.platform});
  REQUIRE(r);
  correlate(r->diagnoses, cfg, run_rules(cfg, *Date::parse("2026-11-22")));
  return std::move(*r);
}

std::string redirect_error(const std::string& uri) {
  return "AADSTS50011: The redirect URI '" + uri +
         "' specified in the request does not match the redirect URIs configured for the application "
         "'4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.";
}

// The diagnosis of `code`, or the platform diagnosis the provider's entry `code` was folded into.
const Diagnosis& only(const Result& r, std::string_view code) {
  for (auto& d : r.diagnoses)
    if (d.code == code) return d;
  for (auto& d : r.diagnoses)
    for (auto* f : d.folded)
      if (f->code == code) return d;
  FAIL("no diagnosis " << code);
  return r.diagnoses.front();
}

const ConfigItem* item_with(const Diagnosis& d, std::string_view text) {
  for (auto& i : d.config)
    if (i.message.find(text) != std::string::npos) return &i;
  return nullptr;
}

std::string all_items(const Diagnosis& d) {
  std::string s;
  for (auto& i : d.config)
    s += "[" + i.environment + "|" + i.client + "|" + i.rule + "] " + i.message + " @" + i.location + "\n";
  return s;
}

}  // namespace

TEST_SUITE("diagnose") {
  TEST_CASE("AADSTS50011 with an expected URI: the environment, the client and the near miss registered instead") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(redirect_error(std::string("https://os-uat.contoso.com") + kTokenPart), cfg);
    auto& d = only(r, "AADSTS50011");
    INFO(all_items(d));
    auto* i = item_with(d, "is the Service Center sign-in redirect URI of environment `uat`");
    REQUIRE(i);
    CHECK(i->environment == "uat");
    CHECK(i->client == "web_client");
    CHECK(i->message.find("extra trailing slash") != std::string::npos);
    // The registered near miss is the line to change.
    CHECK(i->location.ends_with("outsystems-entra-broken.yaml:28:9"));
    auto* finding = item_with(d, "is almost the Service Center sign-in redirect URI");
    REQUIRE(finding);
    CHECK(finding->rule == "OD2002");
    CHECK(item_with(d, "client id 4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e is the web client") != nullptr);
  }

  TEST_CASE("AADSTS50011 with http behind a TLS-terminating proxy: the https URI to register and why") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(redirect_error(std::string("http://os-prd.contoso.com") + kTokenPart), cfg);
    auto& d = only(r, "AADSTS50011");
    INFO(all_items(d));
    auto* i = item_with(d, "http instead of https");
    REQUIRE(i);
    CHECK(i->environment == "prod");
    CHECK(i->client == "web_client");
    CHECK(i->message.find("X-Forwarded-Proto") != std::string::npos);
    CHECK(i->message.find(std::string("The URI to register on the web client (client id "
                                      "4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e) is https://os-prd.contoso.com") +
                          kTokenPart) != std::string::npos);
  }

  TEST_CASE("AADSTS50011 with a host that is no environment") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(redirect_error(std::string("https://os-stg.contoso.com") + kTokenPart), cfg);
    auto& d = only(r, "AADSTS50011");
    INFO(all_items(d));
    auto* i = item_with(d, "the host os-stg.contoso.com is none of the environments in the config");
    REQUIRE(i);
    CHECK(i->message.find("dev = os-dev.contoso.com") != std::string::npos);
  }

  TEST_CASE("AADSTS50011 with a URI the config registers and expects: the IdP differs from the config") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(redirect_error(std::string("https://os-qa.contoso.com") + kTokenPart), cfg);
    auto& d = only(r, "AADSTS50011");
    auto* i = item_with(d, "the config lists it on the web client");
    REQUIRE(i);
    CHECK(i->environment == "qa");
    CHECK(i->location.ends_with("outsystems-entra-broken.yaml:27:9"));
  }

  TEST_CASE("Invalid login SSO points at the username claim and the users whose form differs") {
    Config cfg = load("outsystems-keycloak-broken.yaml");
    auto r = diagnose_with("Invalid login SSO", cfg);
    auto& d = only(r, "outsystems:invalid-login-sso");
    INFO(all_items(d));
    bool od2301 = false;
    for (auto& i : d.config)
      if (i.rule == "OD2301" && i.message.find("mwaddams") != std::string::npos) od2301 = true;
    CHECK(od2301);
    auto* claim = item_with(d, "the username claim is `preferred_username`");
    REQUIRE(claim);
    CHECK(claim->location.find("outsystems-keycloak-broken.yaml:") != std::string::npos);
  }

  TEST_CASE("a client secret error on OutSystems points at the web client's secret") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client "
        "secret value, not the client secret ID, for a secret added to app '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.",
        cfg);
    auto& d = only(r, "AADSTS7000215");
    INFO(all_items(d));
    auto* i = item_with(d, "Service Center redeems the authorization code with the web client");
    REQUIRE(i);
    CHECK(i->client == "web_client");
    CHECK(i->message.find("recorded expiry 2027-09-30") != std::string::npos);
    CHECK(i->location.ends_with("outsystems-entra-broken.yaml:21:5"));
  }

  TEST_CASE("an expired secret is named by its lint finding") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with("HTTP/1.1 401 Unauthorized", cfg);
    REQUIRE(!r.diagnoses.empty());
    CHECK(r.diagnoses.front().code == "outsystems:401");
    // Pretend it is 2027-10-01: the recorded expiry has passed.
    auto later = diagnose_text("HTTP/1.1 401 Unauthorized", {.platform = "outsystems"});
    REQUIRE(later);
    correlate(later->diagnoses, cfg, run_rules(cfg, *Date::parse("2027-10-01")));
    bool expired = false;
    for (auto& i : later->diagnoses.front().config) expired = expired || i.rule == "OD2403";
    CHECK(expired);
  }

  TEST_CASE("through the binary: --config adds the config items to the JSON output") {
    auto r = test::run_cli(
        "diagnose --format json --today 2026-11-22 --config fixtures/configs/outsystems-entra-broken.yaml \"" +
        redirect_error(std::string("https://os-uat.contoso.com") + kTokenPart) + "\"");
    CHECK(r.exit_code == 0);
    INFO(r.out << r.err);
    CHECK(r.out.find("\"environment\": \"uat\"") != std::string::npos);
    CHECK(r.out.find("\"rule\": \"OD2002\"") != std::string::npos);
    auto bad = test::run_cli("diagnose --platform generic --config fixtures/configs/outsystems-entra-broken.yaml x");
    CHECK(bad.exit_code == 2);
  }
}
