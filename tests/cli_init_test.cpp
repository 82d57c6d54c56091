// `oidc-doctor init` and the provider-aware `redirect-uris`, through the real binary.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "app/app.h"
#include "config/schema.h"
#include "providers/provider.h"
#include "support.h"

using od::test::run_cli;

namespace {

const std::string kEnvs = "--environments lifetime=https://lt.example.com,dev=https://dev.example.com";

// The schema field at a dotted path, for checking that a comment quotes its description.
const od::schema::Field* schema_field(const std::string& path) {
  const od::schema::Object* obj = &od::schema::root();
  const od::schema::Field* f = nullptr;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) {
    f = obj ? obj->find(part) : nullptr;
    if (!f) return nullptr;
    obj = f->object;
  }
  return f;
}

// Every key line (written or commented out) has a comment right above it that holds the schema's
// description of that key; returns the keys that do not. A commented line reads as a key only when
// it names a schema field at its place ("# preflight: hosts ..." is comment text).
std::vector<std::string> uncommented_keys(const std::string& text, int* keys = nullptr) {
  std::vector<std::string> lines, bad;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  static const std::regex key(R"(^( *)(# )?(- )?([a-z_]+):( |$).*)");
  std::vector<std::pair<size_t, std::string>> stack;  // indent -> key, for the dotted path
  std::vector<std::string> path_of(lines.size());     // "" = not a key line
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, key)) continue;
    if (lines[i].find("#   ") != std::string::npos) continue;  // inside a commented example
    size_t indent = m[1].length() + m[3].length();
    auto s = stack;
    while (!s.empty() && s.back().first >= indent) s.pop_back();
    std::string path;
    for (auto& [_, k] : s) path += k + ".";
    path += m[4].str();
    if (m[2].matched && !schema_field(path)) continue;
    s.emplace_back(indent, m[4].str());
    stack = std::move(s);
    path_of[i] = path;
  }
  auto is_comment = [&](size_t j) {
    size_t f = lines[j].find_first_not_of(' ');
    return f != std::string::npos && lines[j][f] == '#' && path_of[j].empty();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (path_of[i].empty()) continue;
    const od::schema::Field* f = schema_field(path_of[i]);
    std::string above;  // the comment block right above, its lines joined back
    for (size_t j = i; j-- > 0 && is_comment(j);) {
      std::string l = lines[j].substr(lines[j].find('#') + 1);
      above = l + above;
    }
    above = std::regex_replace(above, std::regex(" +"), " ");
    if (!f || above.find(std::string(f->doc)) == std::string::npos) bad.push_back(path_of[i]);
    if (keys) ++*keys;
  }
  return bad;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("init: every platform x provider starter loads, lints without an error, every key commented") {
    od::test::Scratch dir("init-all");
    int written = 0, refused = 0;
    for (auto platform : od::app::platform_names())
      for (auto kind : od::providers::kinds()) {
        std::string p(platform), k(kind);
        CAPTURE(p);
        CAPTURE(k);
        auto path = (dir.dir / (p + "-" + k + ".yaml")).string();
        auto r = run_cli("init --platform " + p + " --provider " + k + " " + kEnvs + " -o " + path);
        const auto& info = od::providers::info(k);
        if (info.metadata_url_example.empty() && p != "posit-connect") {
          // OAuth-only providers (GitHub, Snowflake) serve Connect integrations, not a platform's sign-in.
          CHECK(r.exit_code == 2);
          CHECK(r.err.find("without OpenID Connect discovery") != std::string::npos);
          CHECK_FALSE(std::filesystem::exists(path));
          ++refused;
          continue;
        }
        REQUIRE(r.exit_code == 0);
        ++written;
        auto text = od::test::read_file(path);
        CHECK(text.find("platform: " + p + "\n") != std::string::npos);
        CHECK(text.find("kind: " + k + "\n") != std::string::npos);
        int keys = 0;
        CHECK(uncommented_keys(text, &keys) == std::vector<std::string>{});
        CHECK(keys >= 20);
        if (p == "outsystems" && k == "entra") {
          // The check itself notices a comment that is not the schema's.
          auto changed =
              std::regex_replace(text, std::regex("# Client \\(application\\) id registered at the IdP"), "# the id");
          auto bad = uncommented_keys(changed);
          CHECK(std::find(bad.begin(), bad.end(), "provider.web_client.client_id") != bad.end());
        }
        auto lint = run_cli("lint " + path + " --no-resolve-secrets --today 2026-11-22 --format json");
        CAPTURE(lint.err);
        CHECK(lint.exit_code == 0);
        auto j = nlohmann::json::parse(lint.out);
        for (auto& f : j["findings"]) {
          CAPTURE(f.dump());
          CHECK(f["severity"] != "error");
        }
        // With the secret variable set, it loads the same way.
        auto env = p == "posit-connect" ? "OIDC_INTEGRATION_SECRET=Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga"
                                        : "OIDC_WEB_CLIENT_SECRET=Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga";
        CHECK(run_cli("lint " + path + " --today 2026-11-22 --format concise", "", env).exit_code == 0);
      }
    CHECK(written == 32);
    CHECK(refused == 4);
  }

  TEST_CASE("init: the commented URIs are the platform's; the LifeTime environment is named lifetime") {
    auto r = run_cli("init --platform outsystems --provider okta " + kEnvs + " -o -");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("# - https://dev.example.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx\n") !=
          std::string::npos);
    CHECK(r.out.find("# - servicestudio://auth\n") != std::string::npos);
    CHECK(r.out.find("    role: lifetime\n") != std::string::npos);
    CHECK(r.out.find("metadata_url: https://YOUR-ORG.okta.com/oauth2/default/.well-known/openid-configuration") !=
          std::string::npos);
    // Uncommented, the lists are exactly what redirect-uris then reports as registered.
    od::test::Scratch dir("init-uncomment");
    std::string text = std::regex_replace(r.out, std::regex(R"(# (redirect_uris:|logout_uris:|- ))"), "$1");
    auto path = dir.write("c.yaml", text);
    auto j = nlohmann::json::parse(run_cli("redirect-uris " + path + " --format json").out);
    int registered = 0;
    for (auto& c : j["clients"])
      for (auto& l : c["lists"])
        for (auto& u : l["uris"]) {
          CHECK(u["state"] == "registered");
          ++registered;
        }
    CHECK(registered > 10);
    auto generic = run_cli("init --platform generic --provider auth0 " + kEnvs + " -o -");
    CHECK(generic.out.find("# - https://dev.example.com/signin-oidc\n") != std::string::npos);
    CHECK(generic.out.find("role:") == std::string::npos);
  }

  TEST_CASE("init never overwrites without --force; - writes to stdout; bad values are exit 2") {
    od::test::Scratch dir("init-files");
    auto path = (dir.dir / "oidc-doctor.yaml").string();
    auto first = run_cli("init --platform outsystems --provider entra " + kEnvs + " -o " + path);
    CHECK(first.exit_code == 0);
    CHECK(first.out.empty());
    CHECK(first.err.find("wrote " + path) != std::string::npos);
    std::ofstream(path, std::ios::app) << "# mine\n";
    auto again = run_cli("init --platform outsystems --provider okta " + kEnvs + " -o " + path);
    CHECK(again.exit_code == 2);
    CHECK(again.err.find("exists") != std::string::npos);
    CHECK(od::test::read_file(path).find("# mine\n") != std::string::npos);
    auto forced = run_cli("init --platform outsystems --provider okta " + kEnvs + " -o " + path + " --force");
    CHECK(forced.exit_code == 0);
    CHECK(od::test::read_file(path).find("kind: okta") != std::string::npos);
    // The default path is ./oidc-doctor.yaml (the one lint reads by default).
    od::test::Scratch cwd("init-cwd");
    REQUIRE(std::system(("cd " + cwd.dir.string() + " && " + OD_BINARY + " init --platform generic --provider okta " +
                         kEnvs + " 2>/dev/null && " + OD_BINARY + " lint --no-resolve-secrets >/dev/null")
                            .c_str()) == 0);
    CHECK(od::test::read_file((cwd.dir / "oidc-doctor.yaml").string()).find("platform: generic\n") !=
          std::string::npos);

    auto bad_env = run_cli("init --platform outsystems --provider okta --environments dev -o -");
    CHECK(bad_env.exit_code == 2);
    CHECK(bad_env.err.find("NAME=URL") != std::string::npos);
    auto bad_kind = run_cli("init --platform outsystems --provider azure " + kEnvs + " -o -");
    CHECK(bad_kind.exit_code == 2);
    CHECK(bad_kind.out.empty());
  }

  TEST_CASE("init off a terminal names the missing option and asks nothing") {
    auto no_provider = run_cli("init --platform outsystems " + kEnvs + " -o -");
    CHECK(no_provider.exit_code == 2);
    CHECK(no_provider.out.empty());
    CHECK(no_provider.err.find("--provider is missing") != std::string::npos);
    CHECK(no_provider.err.find("not a terminal") != std::string::npos);
    CHECK(no_provider.err.find("entra, okta") != std::string::npos);
    auto no_platform = run_cli("init --provider entra -o -", "outsystems\n");
    CHECK(no_platform.exit_code == 2);
    CHECK(no_platform.err.find("--platform is missing") != std::string::npos);
    CHECK(no_platform.err.find("platform (") == std::string::npos);  // no prompt
    auto no_envs = run_cli("init --platform outsystems --provider entra -o -");
    CHECK(no_envs.exit_code == 2);
    CHECK(no_envs.err.find("--environments is missing") != std::string::npos);
  }

  TEST_CASE("init on a terminal asks for what is missing, on stderr, and re-asks a wrong answer") {
    od::test::Scratch dir("init-pty");
    auto input = dir.write(
        "answers.txt", "outsystem\noutsystems\nentra\nlifetime=https://lt.example.com,dev=https://dev.example.com\n");
    auto path = (dir.dir / "c.yaml").string();
    auto shown = (dir.dir / "shown").string();
    REQUIRE(std::system(("python3 " + od::test::source_path("tests/pty_run.py") + " " + input + " env NO_COLOR=1 " +
                         OD_BINARY + " init -o " + path + " >" + shown)
                            .c_str()) == 0);
    auto out = od::test::read_file(shown);
    CAPTURE(out);
    CHECK(out.find("platform (outsystems, posit-connect, generic)") != std::string::npos);
    CHECK(out.find("did you mean outsystems?") != std::string::npos);
    CHECK(out.find("provider (entra, okta") != std::string::npos);
    CHECK(out.find("environments as NAME=URL") != std::string::npos);
    CHECK(out.find("\nexit=0") != std::string::npos);
    auto text = od::test::read_file(path);
    CHECK(text.find("platform: outsystems\n") != std::string::npos);
    CHECK(text.find("kind: entra\n") != std::string::npos);
    CHECK(text.find("url: https://dev.example.com\n") != std::string::npos);
  }

  TEST_CASE("init --from-export fills the client, its URIs and the provider from the IdP's export") {
    od::test::Scratch dir("init-export");
    auto entra =
        run_cli("init --platform outsystems --from-export fixtures/imports/entra/contoso-consoles.graph.json -o -");
    REQUIRE(entra.exit_code == 0);
    CHECK(entra.out.find("kind: entra\n") != std::string::npos);
    CHECK(entra.out.find("client_id: 4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e\n") != std::string::npos);
    CHECK(entra.out.find("secret_expires: 2027-09-30\n") != std::string::npos);
    CHECK(entra.out.find("audience: single-tenant\n") != std::string::npos);
    CHECK(entra.out.find("    redirect_uris:\n      - "
                         "https://os-lt.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx\n") !=
          std::string::npos);
    // No --environments: one per origin the export's URIs name.
    CHECK(entra.out.find("  - name: os-prd\n    # Base URL") != std::string::npos);
    auto path = dir.write("entra.yaml", entra.out);
    auto lint = run_cli("lint " + path + " --no-resolve-secrets --today 2026-11-22 --format json");
    CHECK((lint.exit_code == 0 || lint.exit_code == 1));
    auto j = nlohmann::json::parse(lint.out);
    for (auto& f : j["findings"]) CHECK(f["rule"] != "OD2001");  // the web client's URIs are all there

    // A public client's export becomes the desktop client; Okta grant types come along.
    auto okta = run_cli("init --platform outsystems --from-export fixtures/imports/okta/acme-devtools.app.json " +
                        kEnvs + " -o -");
    REQUIRE(okta.exit_code == 0);
    CHECK(okta.out.find("kind: okta\n") != std::string::npos);
    auto desktop = okta.out.find("  desktop_client:\n");
    REQUIRE(desktop != std::string::npos);
    CHECK(okta.out.find("servicestudio://auth", desktop) != std::string::npos);
    CHECK(okta.out.find("client_id: WEB-CLIENT-ID\n") != std::string::npos);

    // A realm export holds several clients: name one.
    auto realm = run_cli("init --platform outsystems --from-export fixtures/imports/keycloak/initech-realm.json " +
                         kEnvs + " -o -");
    CHECK(realm.exit_code == 2);
    CHECK(realm.err.find("outsystems-consoles") != std::string::npos);
    CHECK(realm.err.find("--client-id") != std::string::npos);
    auto picked = run_cli(
        "init --platform outsystems --from-export fixtures/imports/keycloak/initech-realm.json "
        "--client-id outsystems-consoles " +
        kEnvs + " -o -");
    CHECK(picked.exit_code == 0);
    CHECK(picked.out.find("kind: keycloak\n") != std::string::npos);
    CHECK(picked.out.find("client_id: outsystems-consoles\n") != std::string::npos);
    // The export must be of the provider asked for, and of the right kind.
    auto other = run_cli(
        "init --platform outsystems --provider okta --from-export "
        "fixtures/imports/entra/contoso-consoles.graph.json -o -");
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("not of okta") != std::string::npos);
    auto sp = run_cli(
        "init --platform outsystems --from-export "
        "fixtures/imports/entra/contoso-consoles.service-principal.json -o -");
    CHECK(sp.exit_code == 2);
    CHECK(sp.err.find("service principal") != std::string::npos);
  }

  TEST_CASE("redirect-uris: Entra platforms, the front-channel logout URL, what is missing, az and manifest forms") {
    auto r = run_cli("redirect-uris fixtures/rules/OD2801/trigger.yaml");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("  Web (web.redirectUris; --web-redirect-uris)\n") != std::string::npos);
    CHECK(
        r.out.find("  Mobile and desktop applications (publicClient.redirectUris; --public-client-redirect-uris)\n") !=
        std::string::npos);
    CHECK(r.out.find("Front-channel logout URL (web.logoutUrl): one URL per registration") != std::string::npos);
    // The SPA registration of a server callback: named, counted, and emptied by the forms.
    CHECK(r.out.find("registered under Single-page application today") != std::string::npos);
    CHECK(r.out.find("1 URI(s) to register or correct") != std::string::npos);
    CHECK(r.out.find("az ad app update --id 4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e --web-redirect-uris "
                     "https://os-lt.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx") !=
          std::string::npos);
    CHECK(r.out.find("--public-client-redirect-uris servicestudio://auth integrationstudio://auth") !=
          std::string::npos);
    auto j = nlohmann::json::parse(run_cli("redirect-uris fixtures/rules/OD2801/trigger.yaml --format json").out);
    auto& web = j["clients"][0];
    CHECK(web["provider"] == "entra");
    CHECK(web["single_logout"]["field"] == "web.logoutUrl");
    std::map<std::string, std::string> list_of;  // uri -> list id
    for (auto& l : web["lists"])
      for (auto& u : l["uris"]) list_of[u["uri"]] = l["id"];
    CHECK(list_of["https://os-prd.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"] == "web");
    // Sign-out URIs go under Web too: Entra checks them against the redirect URIs.
    CHECK(list_of["https://os-prd.contoso.com/ServiceCenter/CentralizedLogout_CallbackEndpoint.aspx"] == "web");
    auto manifest = nlohmann::json::parse(web["forms"][1]["text"].get<std::string>());
    CHECK(manifest["spa"]["redirectUris"] == nlohmann::json::array());
    CHECK(manifest["web"]["redirectUris"].size() == 6);
    // The desktop client is public: all its URIs, builder callbacks included, under Mobile and desktop.
    auto& desktop = j["clients"][1];
    REQUIRE(desktop["lists"].size() == 1);
    CHECK(desktop["lists"][0]["id"] == "public-client");
  }

  TEST_CASE("redirect-uris: Okta sign-in and sign-out lists, what is missing, and an apps API body") {
    auto r = run_cli("redirect-uris fixtures/configs/outsystems-okta-broken.yaml");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("  Sign-in redirect URIs (settings.oauthClient.redirect_uris)\n") != std::string::npos);
    CHECK(r.out.find("  Sign-out redirect URIs (settings.oauthClient.post_logout_redirect_uris)\n") !=
          std::string::npos);
    CHECK(r.out.find(
              "    missing     "
              "https://prod.os.northwindtraders.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx\n") !=
          std::string::npos);
    CHECK(r.out.find("PUT /api/v1/apps/{appId}") != std::string::npos);
    auto j =
        nlohmann::json::parse(run_cli("redirect-uris fixtures/configs/outsystems-okta-broken.yaml --format json").out);
    auto body = nlohmann::json::parse(j["clients"][0]["forms"][0]["text"].get<std::string>());
    auto& client = body["settings"]["oauthClient"];
    CHECK(client["redirect_uris"].size() == 4);
    CHECK(client["post_logout_redirect_uris"].size() == 4);
    int missing = 0;
    for (auto& l : j["clients"][0]["lists"])
      for (auto& u : l["uris"]) missing += u["state"] == "missing";
    CHECK(missing == 2);
    // A provider with no named lists: the plain lists, no forms.
    auto generic = nlohmann::json::parse(
        run_cli("redirect-uris fixtures/configs/outsystems-generic-clean.yaml --format json").out);
    CHECK(generic["clients"][0]["forms"].empty());
    CHECK(generic["clients"][0]["lists"][0]["id"] == "sign-in");
  }

  TEST_CASE("completions offer provider kinds and platforms for init") {
    auto bash = run_cli("completions bash");
    REQUIRE(bash.exit_code == 0);
    std::string kinds;
    for (auto k : od::providers::kinds()) kinds += (kinds.empty() ? "" : " ") + std::string(k);
    CHECK(bash.out.find("init:--provider) vals=\"" + kinds + "\"") != std::string::npos);
    CHECK(bash.out.find("init:--platform) vals=\"outsystems posit-connect generic\"") != std::string::npos);
    auto fish = run_cli("completions fish");
    CHECK(fish.out.find("-l provider -x -a '" + kinds + "'") != std::string::npos);
  }
}
