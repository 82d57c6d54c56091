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

  // ---- Posit Connect with several integrations: the one the error came from, and only it.

  TEST_CASE("a Snowflake redirect mismatch names the Snowflake integration and what it registers, not the others") {
    Config cfg = load("posit-connect-broken.yaml");
    auto r = diagnose_with(
        "Error occurred in authorization: There is a mismatch in the given redirect uri with the one in the "
        "registered OAuth client integration.",
        cfg);
    const Diagnosis& d = only(r, "snowflake:redirect-uri-mismatch");
    INFO(all_items(d));
    REQUIRE(!d.config.empty());
    for (auto& i : d.config)
      if (!i.client.empty()) CHECK(i.client == "integration:Snowflake (ANALYST role)");
    const ConfigItem* i = item_with(d, "registers https://connect.adventure-works.com/__oauth__/integrations/callback");
    REQUIRE(i);
    CHECK(i->client == "integration:Snowflake (ANALYST role)");
    CHECK(i->location.find("posit-connect-broken.yaml:") != std::string::npos);
    // The Keycloak integration's missing staging callback (OD2001) is another integration's problem.
    CHECK(all_items(d).find("Keycloak") == std::string::npos);
  }

  TEST_CASE("Connect's Azure 'JWT signature does not match' points at the Azure integration's scopes") {
    Config cfg = load("posit-connect-broken.yaml");
    auto r = diagnose_with(
        "BadRequest: io.jsonwebtoken.security.SignatureException: JWT signature does not match locally computed "
        "signature. JWT validity cannot be asserted and should not be trusted.",
        cfg);
    REQUIRE(!r.diagnoses.empty());
    const Diagnosis& d = r.diagnoses.front();
    INFO(all_items(d));
    const ConfigItem* i = item_with(d, "its scopes are");
    REQUIRE(i);
    CHECK(i->client == "integration:Azure Data Lake (viewer)");
    CHECK(i->message.find("https://storage.azure.com/user_impersonation") != std::string::npos);
    for (auto& item : d.config)
      if (!item.client.empty()) CHECK(item.client == "integration:Azure Data Lake (viewer)");
  }

  TEST_CASE("a Keycloak invalid-credentials error points at the Keycloak integration's secret") {
    Config cfg = load("posit-connect-broken.yaml");
    auto r = diagnose_with(
        R"({"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"})", cfg);
    const Diagnosis& d = only(r, "keycloak:invalid-client-credentials");
    INFO(all_items(d));
    const ConfigItem* i = item_with(d, "client secret");
    REQUIRE(i);
    CHECK(i->client == "integration:Data platform API (Keycloak)");
    for (auto& item : d.config)
      if (!item.client.empty()) CHECK(item.client == "integration:Data platform API (Keycloak)");
    // Not an error of another IdP: the config has a Keycloak integration.
    CHECK(item_with(d, "comes from Keycloak, but") == nullptr);
  }

  TEST_CASE("an error from another IdP than the config's says so first") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with(
        R"({"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"})", cfg);
    const Diagnosis& d = only(r, "keycloak:invalid-client-credentials");
    INFO(all_items(d));
    REQUIRE(!d.config.empty());
    CHECK(d.config.front().message.find("comes from Keycloak") != std::string::npos);
    CHECK(d.config.front().message.find("provider.kind entra") != std::string::npos);
    // An Entra error with the same config has no such note.
    auto own = diagnose_with(redirect_error(std::string("https://os-dev.contoso.com") + kTokenPart), cfg);
    for (auto& diag : own.diagnoses) CHECK(item_with(diag, "but the config's provider is") == nullptr);
  }

  TEST_CASE("the platform's entry and the provider's for one error are one diagnosis; a config item appears once") {
    Config cfg = load("outsystems-entra-broken.yaml");
    auto r = diagnose_with("The remote server returned an error: (400) Bad Request.\n" +
                               redirect_error(std::string("https://os-dev.contoso.com") + kTokenPart),
                           cfg);
    int redirect = 0;
    for (auto& d : r.diagnoses) redirect += d.category == "redirect-uri-mismatch";
    CHECK(redirect == 1);
    const Diagnosis& d = only(r, "AADSTS50011");
    CHECK(d.provider == "outsystems");
    REQUIRE(d.folded.size() == 1);
    CHECK(d.folded.front()->code == "AADSTS50011");
    CHECK(d.error == "AADSTS50011");
    // The provider's causes follow the platform's.
    auto causes = d.causes();
    CHECK(std::find(causes.begin(), causes.end(), std::string(d.entry->causes.front())) == causes.begin());
    CHECK(causes.size() > d.entry->causes.size());
    std::vector<std::string> seen;
    for (auto& diag : r.diagnoses)
      for (auto& i : diag.config) {
        std::string key = i.message + "@" + i.location;
        CHECK(std::find(seen.begin(), seen.end(), key) == seen.end());
        seen.push_back(key);
      }
  }
}
