// IdP exports (`import:`) and machine.config proxies (`proxy: { machine_config: }`): what they
// add to the config, where findings on imported values point, and every malformed or wrong-kind
// file as a one-line input error.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "imports/app.h"
#include "imports/json_doc.h"
#include "imports/load.h"
#include "imports/machine_config.h"
#include "rules/engine.h"
#include "support.h"

using namespace od;
namespace fs = std::filesystem;

namespace {

const Date kToday = *Date::parse("2026-11-22");

std::string imports_dir() { return test::source_path("fixtures/imports"); }

using Scratch = od::test::Scratch;

// An OutSystems config with one web client, its `import:` and optional extra provider lines.
std::string outsystems(const std::string& kind, const std::string& client_id, const std::string& import,
                       const std::string& metadata, const std::string& extra = "") {
  return "version: 1\nplatform: outsystems\nprovider:\n  kind: " + kind + "\n  metadata_url: " + metadata + "\n" +
         extra + "  web_client:\n    client_id: " + client_id +
         "\n    client_secret: ${env:OD_TEST_SECRET}\n    import: " + import +
         "\nenvironments:\n  - name: lifetime\n    url: https://os-lt.contoso.com\n    role: lifetime\n"
         "  - name: dev\n    url: https://os-dev.contoso.com\n  - name: prod\n    url: https://os-prd.contoso.com\n";
}

const char* kEntraMeta =
    "https://login.microsoftonline.com/a3c5e7f9-1b2d-4e6f-8a0c-2e4f6a8b0c1d/v2.0/.well-known/openid-configuration";
const char* kConsoles = "4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e";

std::vector<const Finding*> of(const std::vector<Finding>& all, std::string_view id) {
  std::vector<const Finding*> out;
  for (auto& f : all)
    if (f.rule->id == id) out.push_back(&f);
  return out;
}

int line_in(const std::string& path, const std::string& needle) {
  std::ifstream in(path);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return -1;
}

}  // namespace

TEST_SUITE("imports") {
  TEST_CASE("json_doc: positions of values and keys by JSON pointer, through escapes and a BOM") {
    std::string text = "\xEF\xBB\xBF{\n  \"a/b\": [1, \"x\\\"y\",\n    {\"k~\": true}],\n  \"u\": \"\\u00e9\"\n}\n";
    auto doc = imports::parse_json(text, "t.json");
    REQUIRE(doc.ok());
    CHECK(doc->value_pos("/a~1b/1").line == 2);
    CHECK(doc->value_pos("/a~1b/1").column == 14);
    CHECK(doc->value_pos("/a~1b/2/k~0").line == 3);
    CHECK(doc->key_pos("/a~1b/2/k~0").column == 6);
    CHECK(doc->key_pos("/u").line == 4);
    CHECK(doc->root["u"] == "\xC3\xA9");

    auto bad = imports::parse_json("{\n  \"a\": [1,\n}\n", "bad.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where == "bad.json:3:1");
    CHECK(bad.error().message.starts_with("malformed JSON: "));
  }

  TEST_CASE("Entra Graph export: URIs per platform merge into the client and keep export positions") {
    std::string path = imports_dir() + "/entra/contoso-consoles-spa.graph.json";
    auto app = imports::read_export(path, "spa.json", 1, kConsoles);
    REQUIRE(app.ok());
    CHECK(app->format == imports::Format::EntraGraph);
    CHECK(app->client_id.value == kConsoles);
    CHECK(app->sign_in_audience->value == "AzureADMyOrg");
    auto spa = std::find_if(app->redirect_uris.begin(), app->redirect_uris.end(),
                            [](auto& r) { return r.platform == imports::UriPlatform::Spa; });
    REQUIRE(spa != app->redirect_uris.end());
    CHECK(spa->uri.value == "https://os-prd.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx");
    CHECK(spa->uri.pos.line == line_in(path, "\"https://os-prd.contoso.com/ServiceCenter/CentralizedLogin"));
    CHECK(spa->uri.pos.source == 1);
    REQUIRE(app->secrets.size() == 1);
    CHECK(app->secrets[0].hint == "Qx7");
    CHECK(app->secrets[0].end->value == *Date::parse("2027-09-30"));
    CHECK(app->logout_uris.size() == app->redirect_uris.size());  // Entra checks logout against redirect URIs

    // Through the loader: lists filled, audience and secret expiry taken from the export.
    auto cfg = load_config(test::source_path("fixtures/rules/OD2801/trigger.yaml"));
    REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
    auto* web = cfg->client("web_client");
    REQUIRE(web->imported);
    CHECK(web->redirect_uris->items.size() == 6);
    CHECK(web->redirect_uris->key.line == line_in(test::source_path("fixtures/rules/OD2801/trigger.yaml"),
                                                  "import: ../../imports/entra/contoso-consoles-spa"));
    CHECK(cfg->sources.size() == 2);
    CHECK(cfg->sources[0] == test::source_path("fixtures/imports/entra/contoso-consoles-spa.graph.json"));
    CHECK(web->secret_expires->value == *Date::parse("2027-09-30"));
    CHECK(web->secret_expires->pos.source == 1);
    CHECK(cfg->provider.audience->value == "single-tenant");

    auto findings = run_rules(*cfg, kToday);
    auto spa_findings = of(findings, "OD2801");
    REQUIRE(spa_findings.size() == 1);
    CHECK(spa_findings[0]->location.file == cfg->sources[0]);
    CHECK(spa_findings[0]->environment == "prod");
    CHECK(spa_findings[0]->predicted_errors.front().starts_with("AADSTS9002327"));
    CHECK(of(findings, "OD2001").empty());  // registered, only on the wrong platform
  }

  TEST_CASE("clean imports of every IdP give no error or warning") {
    for (auto rule : {"OD2801", "OD2803", "OD2804"}) {
      CAPTURE(rule);
      auto cfg = load_config(test::source_path("fixtures/rules/" + std::string(rule) + "/clean.yaml"));
      REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
      for (auto& f : run_rules(*cfg, kToday)) {
        CAPTURE(f.rule->id);
        CAPTURE(f.message);
        CHECK(f.severity == Severity::Info);
      }
    }
  }

  TEST_CASE("Posit Connect integration with an Entra export: the Connect callback under SPA is OD2801") {
    Scratch s;
    s.write("azure.json", R"({"appId": "7d3e9a1b-5c2f-4b8e-a6d4-0e9f1c3b5a7d", "displayName": "Connect Azure Storage",
      "signInAudience": "AzureADMyOrg", "web": {"redirectUris": []},
      "spa": {"redirectUris": ["https://connect.acme.com/__oauth__/integrations/callback"]}})");
    std::string text = R"(version: 1
platform: posit-connect
environments:
  - name: connect
    url: https://connect.acme.com
integrations:
  - name: Azure Storage
    template: azure
    client_id: 7d3e9a1b-5c2f-4b8e-a6d4-0e9f1c3b5a7d
    client_secret: ${env:OD_TEST_SECRET}
    scopes: [openid, offline_access]
    content: ["9c1f4e2a-6b3d-4a8e-b5c7-2d9f0e1a3b4c"]
    import: azure.json
)";
    auto cfg = load_config(s.write("posit.yaml", text));
    REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
    CHECK_FALSE(cfg->provider.audience);  // an integration's audience is not the provider's
    auto all = run_rules(*cfg, kToday);
    auto spa = of(all, "OD2801");
    REQUIRE(spa.size() == 1);
    CHECK(spa[0]->client == "integration:Azure Storage");
    CHECK(spa[0]->location.pos.line == 3);
    CHECK(of(all, "OD2001").empty());
  }

  TEST_CASE("the older Azure AD Graph manifest: reply URL types map to platforms") {
    auto app = imports::read_export(imports_dir() + "/entra/contoso-devtools-web.manifest.json", "m.json", 1,
                                    "9e1c3a5f-7b2d-4c6e-8f0a-1d3b5c7e9a2f");
    REQUIRE(app.ok());
    CHECK(app->format == imports::Format::EntraAadGraph);
    CHECK(app->redirect_uris[0].platform == imports::UriPlatform::Web);
    CHECK(app->redirect_uris[1].platform == imports::UriPlatform::PublicClient);
    CHECK(app->fallback_public_client->value);
    CHECK(app->name == "OutSystems Dev Tools");
  }

  TEST_CASE("secret expiry from the export feeds OD2403/OD2404, pointing at endDateTime") {
    Scratch s;
    for (auto file_rule : {std::pair{"contoso-consoles-expiring.graph.json", "OD2404"},
                           std::pair{"contoso-consoles-expired.graph.json", "OD2403"}}) {
      auto file = file_rule.first, rule = file_rule.second;  // (clang 14 cannot capture bindings)
      CAPTURE(file);
      std::string exp = imports_dir() + "/entra/" + file;
      auto cfg = load_config(s.write("c.yaml", outsystems("entra", kConsoles, exp, kEntraMeta)));
      REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
      auto all = run_rules(*cfg, kToday);
      auto found = of(all, rule);
      REQUIRE(found.size() == 1);
      CHECK(found[0]->location.file == fs::path(exp).lexically_normal().string());
      CHECK(found[0]->location.pos.line == line_in(exp, "\"endDateTime\""));
    }
  }

  TEST_CASE("several Entra secrets: the hint picks the one in use, else the longest-lived") {
    Scratch s;
    std::string two = R"({"appId": "4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e", "signInAudience": "AzureADMyOrg",
      "web": {"redirectUris": []},
      "passwordCredentials": [
        {"displayName": "new", "endDateTime": "2028-01-31T00:00:00Z", "hint": "Zz9", "keyId": "11111111-1111-4111-8111-111111111111"},
        {"displayName": "in use", "endDateTime": "2026-12-01T00:00:00Z", "hint": "Qx7", "keyId": "2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b"}]})";
    std::string exp = s.write("two.json", two);
    std::string config = s.write("c.yaml", outsystems("entra", kConsoles, "two.json", kEntraMeta));
    auto resolved = load_config(config);
    REQUIRE(resolved.ok());
    CHECK(resolved->client("web_client")->secret_expires->value == *Date::parse("2026-12-01"));
    auto unresolved = load_config(config, {.resolve_secrets = false});
    REQUIRE(unresolved.ok());
    CHECK(unresolved->client("web_client")->secret_expires->value == *Date::parse("2028-01-31"));
  }

  TEST_CASE("PowerShell output: PascalCase members, /Date()/ times, a Graph list picked by appId") {
    Scratch s;
    std::string ps = R"({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications",
      "value": [
        {"AppId": "00000000-1111-4222-8333-444444444444", "DisplayName": "Other app"},
        {"AppId": "4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e", "DisplayName": "OutSystems Consoles",
         "SignInAudience": "AzureADMultipleOrgs",
         "Web": {"RedirectUris": ["https://os-dev.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"]},
         "PasswordCredentials": [{"Hint": "Qx7", "EndDateTime": "\/Date(1796860800000)\/"}]}]})";
    auto app = imports::read_export(s.write("ps.json", ps), "ps.json", 1, kConsoles);
    REQUIRE_MESSAGE(app.ok(), (app.ok() ? "" : app.error().str()));
    CHECK(app->name == "OutSystems Consoles");
    CHECK(app->redirect_uris.size() == 1);
    CHECK(app->secrets[0].end->value == *Date::parse("2026-12-10"));
    auto missing = imports::read_export(s.dir.string() + "/ps.json", "ps.json", 1, "no-such-app");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("has no client `no-such-app`") != std::string::npos);
    CHECK(missing.error().message.find("00000000-1111-4222-8333-444444444444") != std::string::npos);
  }

  TEST_CASE("`common` with a single-tenant export: OD2603 fires, or OD2808 when the config claims multi-tenant") {
    Scratch s;
    std::string exp = imports_dir() + "/entra/contoso-consoles.graph.json";
    const char* common = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    auto plain = load_config(s.write("a.yaml", outsystems("entra", kConsoles, exp, common)));
    REQUIRE(plain.ok());
    auto f1 = run_rules(*plain, kToday);
    CHECK(of(f1, "OD2603").size() == 1);
    CHECK(of(f1, "OD2808").empty());
    auto claimed =
        load_config(s.write("b.yaml", outsystems("entra", kConsoles, exp, common, "  audience: multi-tenant\n")));
    REQUIRE(claimed.ok());
    auto f2 = run_rules(*claimed, kToday);
    CHECK(of(f2, "OD2603").empty());
    REQUIRE(of(f2, "OD2808").size() == 1);
    CHECK(of(f2, "OD2808")[0]->predicted_errors.front().starts_with("AADSTS50194"));
  }

  TEST_CASE("Okta app object: grant types feed OD2502 at the import line; post-logout URIs are read") {
    Scratch s;
    std::string exp = imports_dir() + "/okta/acme-consoles-no-refresh.app.json";
    std::string cfg_text =
        "version: 1\nplatform: outsystems\nprovider:\n  kind: okta\n  metadata_url: "
        "https://acme.okta.com/oauth2/default/.well-known/openid-configuration\n  web_client:\n"
        "    client_id: 0oa5consoles\n    client_secret: ${env:OD_TEST_SECRET}\n    import: " +
        exp + "\nenvironments:\n  - name: dev\n    url: https://dev.acme.com\n";
    auto cfg = load_config(s.write("okta.yaml", cfg_text));
    REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
    auto* web = cfg->client("web_client");
    CHECK(web->imported->format == imports::Format::OktaApp);
    CHECK(web->imported->token_auth_method->value == "client_secret_basic");
    CHECK(web->logout_uris->items.size() == 3);
    auto all = run_rules(*cfg, kToday);
    auto found = of(all, "OD2502");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->location.file == cfg->file);
    CHECK(found[0]->location.pos.line == 9);
    CHECK(found[0]->message.find("refresh_token") != std::string::npos);
  }

  TEST_CASE("Keycloak realm export: the client is picked by clientId; relative URIs, + and wildcards") {
    std::string realm = imports_dir() + "/keycloak/initech-realm.json";
    auto app = imports::read_export(realm, "realm.json", 1, "outsystems-devtools");
    REQUIRE(app.ok());
    CHECK(app->format == imports::Format::KeycloakRealm);
    CHECK(app->public_client->value);
    CHECK(app->pkce_method->value == "S256");
    CHECK(app->logout_uris.size() == 4);
    auto none = imports::read_export(realm, "realm.json", 1, "outsystems-portal");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message ==
          "realm `initech` has no client `outsystems-portal` (it has: account, outsystems-consoles, "
          "outsystems-devtools)");

    auto account = imports::read_export(realm, "realm.json", 1, "account");
    REQUIRE(account.ok());
    CHECK(account->logout_uris.size() == account->redirect_uris.size());  // "+" = the redirect URIs

    // Root URL + "/ServiceCenter/*" covers lifetime's callback; "https://*.initech.io/..." covers nothing.
    auto cfg = load_config(test::source_path("fixtures/rules/OD2807/trigger.yaml"));
    REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
    auto* web = cfg->client("web_client");
    CHECK(web->redirect_uris->trailing_wildcards);
    CHECK(web->redirect_uris->contains("https://lifetime.initech.io/ServiceCenter/*"));
    auto findings = run_rules(*cfg, kToday);
    auto missing = of(findings, "OD2001");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]->environment == "test");
    CHECK(of(findings, "OD2005").empty());
    auto wild = of(findings, "OD2807");
    REQUIRE(wild.size() == 3);
    CHECK(wild[0]->message.find("(1 of the platform's URIs rely on it)") != std::string::npos);
    CHECK(wild[2]->message.find("takes literally") != std::string::npos);
  }

  TEST_CASE("Keycloak secret expiry attribute and a clear-text secret") {
    Scratch s;
    std::string exp = imports_dir() + "/keycloak/outsystems-consoles-secret.client.json";
    std::string text =
        "version: 1\nplatform: generic\nprovider:\n  kind: keycloak\n  metadata_url: "
        "https://sso.initech.io/realms/initech/.well-known/openid-configuration\n  web_client:\n"
        "    client_id: outsystems-consoles\n    client_secret: ${env:OD_TEST_SECRET}\n    import: " +
        exp + "\nenvironments:\n  - name: dev\n    url: https://dev.initech.io\n";
    auto cfg = load_config(s.write("kc.yaml", text));
    REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
    auto findings = run_rules(*cfg, kToday);
    REQUIRE(of(findings, "OD2404").size() == 1);
    CHECK(of(findings, "OD2404")[0]->message.find("2026-12-10") != std::string::npos);
    auto leak = of(findings, "OD2809");
    REQUIRE(leak.size() == 1);
    CHECK(leak[0]->message.find("Qx7~") == std::string::npos);
  }

  TEST_CASE("malformed and wrong-kind exports are input errors naming the file and what was expected") {
    Scratch s;
    struct Case {
      std::string file_text, kind, client_id, want_where, want_message;
    };
    std::string sp = imports_dir() + "/entra/contoso-consoles.service-principal.json";
    std::string saml = imports_dir() + "/okta/acme-salesforce.saml-app.json";
    std::string okta = imports_dir() + "/okta/acme-consoles.app.json";
    std::string entra = imports_dir() + "/entra/contoso-consoles.graph.json";
    auto load = [&](const std::string& kind, const std::string& id, const std::string& import) {
      return load_config(s.write("c.yaml", outsystems(kind, id, import, kEntraMeta)));
    };
    auto expect_error = [](const Expected<Config>& r, const std::string& where_has, const std::string& msg_has) {
      REQUIRE_FALSE(r.ok());
      CAPTURE(r.error().str());
      CHECK(r.error().where.find(where_has) != std::string::npos);
      CHECK(r.error().message.find(msg_has) != std::string::npos);
    };
    expect_error(load("entra", kConsoles, sp), "service-principal.json:", "Enterprise application");
    expect_error(load("okta", "0oa9salesforce", saml), "saml-app.json:6:", "SAML_2_0, not OpenID Connect");
    expect_error(load("entra", "0oa5consoles", okta),
                 "c.yaml:9:", "is an Okta app object, but the web client talks to entra");
    expect_error(load("entra", "11111111-2222-4333-8444-555555555555", entra), "c.yaml:7:", "is for client 4f8a2c6e");
    expect_error(load("entra", kConsoles, "nothing-here.json"),
                 "c.yaml:9:", "cannot read the export nothing-here.json");
    s.write("broken.json", "{\n  \"appId\": \"x\",\n  \"web\": {\n}\n");
    expect_error(load("entra", kConsoles, "broken.json"), "broken.json:5:", "malformed JSON");
    s.write("utf16.json", std::string("\xFF\xFE{\0}\0", 6));
    expect_error(load("entra", kConsoles, "utf16.json"), "utf16.json", "UTF-16");
    s.write("meta.xml", "<?xml version=\"1.0\"?><EntityDescriptor/>");
    expect_error(load("entra", kConsoles, "meta.xml"), "meta.xml", "XML (SAML metadata?), not JSON");
    s.write("other.json", "{\"name\": \"x\", \"version\": 3}");
    expect_error(load("entra", kConsoles, "other.json"), "other.json:1:1", "found an object with keys: name, version");
    s.write("list.json", "[1, 2]");
    expect_error(load("entra", kConsoles, "list.json"), "list.json", "has no client");

    // The CLI reports it as one line, exit 2.
    auto r = test::run_cli("lint " + s.dir.string() + "/c.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }

  TEST_CASE("machine.config: effective defaultProxy, positions into the XML, .NET's own refusals") {
    std::string mc = imports_dir() + "/machine-config/";
    auto dc1 = imports::read_machine_config(mc + "dc1-proxy.config", "dc1.config", 2);
    REQUIRE(dc1.ok());
    CHECK(dc1->mode == imports::MachineProxy::Mode::Explicit);
    CHECK(dc1->address.value == "http://proxy.acme.com:3128");
    CHECK(dc1->address.pos.line == line_in(mc + "dc1-proxy.config", "proxyaddress="));
    CHECK(dc1->address.pos.source == 2);
    CHECK(dc1->bypass_on_local->value);
    REQUIRE(dc1->bypass.size() == 2);
    CHECK(dc1->bypass[0].value == "[a-z0-9-]+\\.acme\\.local");

    CHECK(imports::read_machine_config(mc + "no-default-proxy.config", "x", 1)->mode ==
          imports::MachineProxy::Mode::System);
    CHECK(imports::read_machine_config(mc + "proxy-disabled.config", "x", 1)->mode ==
          imports::MachineProxy::Mode::Direct);

    auto wrong = imports::read_machine_config(mc + "wrong-case-attribute.config", "wrong.config", 1);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().where == "wrong.config:5:39");
    CHECK(wrong.error().message.find("`ProxyAddress`") != std::string::npos);
    CHECK(wrong.error().message.find("case-sensitive") != std::string::npos);
    auto bad = imports::read_machine_config(mc + "malformed.config", "bad.config", 1);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where.starts_with("bad.config:"));
    CHECK(bad.error().message.starts_with("malformed XML: "));
    auto web = imports::read_machine_config(mc + "web.xml", "web.xml", 1);
    REQUIRE_FALSE(web.ok());
    CHECK(web.error().message.find("root element <configuration>") != std::string::npos);
  }

  TEST_CASE("machine.config proxies feed OD2101/OD2102") {
    Scratch s;
    std::string mc = imports_dir() + "/machine-config/";
    auto config = [&](const std::string& a, const std::string& b, const std::string& c) {
      return "version: 1\nplatform: outsystems\nprovider:\n  kind: okta\n  metadata_url: "
             "https://acme.okta.com/oauth2/default/.well-known/openid-configuration\n  web_client:\n"
             "    client_id: 0oa5consoles\n    client_secret: ${env:OD_TEST_SECRET}\nenvironments:\n"
             "  - name: lifetime\n    url: https://lifetime.acme.com\n    role: lifetime\n    proxy: { "
             "machine_config: " +
             mc + a + " }\n  - name: dev\n    url: https://dev.acme.com\n    proxy: { machine_config: " + mc + b +
             " }\n  - name: prod\n    url: https://prod.acme.com\n    proxy: { machine_config: " + mc + c + " }\n";
    };
    auto same = load_config(s.write("same.yaml", config("dc1-proxy.config", "dc1-proxy.config", "dc1-proxy.config")));
    REQUIRE_MESSAGE(same.ok(), (same.ok() ? "" : same.error().str()));
    CHECK(same->environments[1].proxy.state == Proxy::State::Set);
    auto f0 = run_rules(*same, kToday);
    CHECK(of(f0, "OD2101").empty());
    CHECK(of(f0, "OD2102").empty());

    auto differ =
        load_config(s.write("d.yaml", config("dc1-proxy.config", "dc2-other-proxy.config", "dc1-proxy.config")));
    REQUIRE(differ.ok());
    auto all1 = run_rules(*differ, kToday);
    auto f1 = of(all1, "OD2102");
    REQUIRE(f1.size() == 1);
    CHECK(f1[0]->environment == "dev");
    CHECK(f1[0]->message.find("address http://proxy-dc2.acme.com:3128") != std::string::npos);
    CHECK(f1[0]->message.find("bypassonlocal false instead of true") != std::string::npos);

    auto partial =
        load_config(s.write("p.yaml", config("dc1-proxy.config", "no-default-proxy.config", "proxy-disabled.config")));
    REQUIRE(partial.ok());
    auto all2 = run_rules(*partial, kToday);
    auto f2 = of(all2, "OD2101");
    REQUIRE(f2.size() == 2);
    CHECK(f2[0]->message.find("takes the Windows proxy settings") != std::string::npos);
    CHECK(f2[1]->message.find("`prod` has no proxy") != std::string::npos);

    std::string both = config("dc1-proxy.config", "dc1-proxy.config", "dc1-proxy.config");
    both.replace(both.find("{ machine_config"), 1, "{ address: http://p:3128, ");
    auto e1 = load_config(s.write("both.yaml", both));
    REQUIRE_FALSE(e1.ok());
    CHECK(e1.error().message == "give either `machine_config` or `address`/`bypass`, not both");
    std::string neither = config("dc1-proxy.config", "dc1-proxy.config", "dc1-proxy.config");
    neither.replace(neither.rfind("{ machine_config"), std::string::npos, "{ bypass: [\"*.acme.local\"] }\n");
    auto e2 = load_config(s.write("neither.yaml", neither));
    REQUIRE_FALSE(e2.ok());
    CHECK(e2.error().message == "`proxy` needs `address` (or `machine_config`), or the word none");
  }
}
