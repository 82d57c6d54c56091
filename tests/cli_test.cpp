#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "cli/commands.h"

#include "rules/registry.h"
#include "support.h"

using od::test::run_cli;

TEST_SUITE("cli") {
  TEST_CASE("exit codes: 0 clean, 1 findings at or above --fail-on, 2 input errors") {
    CHECK(run_cli("lint fixtures/configs/outsystems-okta-clean.yaml --today 2026-11-22").exit_code == 0);
    auto broken = "lint fixtures/configs/outsystems-auth0-broken.yaml --today 2026-11-22";
    CHECK(run_cli(broken).exit_code == 1);
    CHECK(run_cli(std::string(broken) + " --fail-on never").exit_code == 0);
    // outsystems-ping-broken's OD1004 is info: only --fail-on info counts the info alone.
    auto infos_only = "lint fixtures/rules/OD1004/trigger.yaml --today 2026-11-22";
    auto r = run_cli(std::string(infos_only) + " --format json");
    auto doc = nlohmann::json::parse(r.out);
    bool only_info = doc["summary"]["errors"] == 0 && doc["summary"]["warnings"] == 0;
    if (only_info) {
      CHECK(run_cli(infos_only).exit_code == 0);
      CHECK(run_cli(std::string(infos_only) + " --fail-on info").exit_code == 1);
    }
    CHECK(run_cli("lint fixtures/configs/malformed-yaml.yaml").exit_code == 2);
    CHECK(run_cli("lint does/not/exist.yaml").exit_code == 2);
    CHECK(run_cli("lint fixtures/configs/outsystems-okta-clean.yaml --format xml").exit_code == 2);
    CHECK(run_cli("lint fixtures/configs/outsystems-okta-clean.yaml --today 2026-13-01").exit_code == 2);
    CHECK(run_cli("no-such-command").exit_code == 2);
    CHECK(run_cli("").exit_code == 2);
  }

  TEST_CASE("an unknown key is an error by default, overridable; an unchecked input says so once at info") {
    auto cfg = "lint fixtures/rules/OD1005/trigger.yaml --today 2026-11-22";
    auto r = run_cli(std::string(cfg) + " --format json");
    CHECK(r.exit_code == 1);  // OD1001 (error) on `usernme_claim`
    auto doc = nlohmann::json::parse(r.out);
    int od1001 = 0, od1005 = 0;
    for (auto& f : doc["findings"]) {
      if (f["rule"] == "OD1001") {
        ++od1001;
        CHECK(f["severity"] == "error");
      }
      if (f["rule"] == "OD1005") {
        ++od1005;
        CHECK(f["severity"] == "info");
        std::string msg = f["message"];
        CHECK(msg.find("username_claim not set: 2 users not checked") != std::string::npos);
        CHECK(msg.find("usernme_claim") != std::string::npos);
      }
    }
    CHECK(od1001 == 1);
    CHECK(od1005 == 1);
    // The severity stays configurable through lint.severity.
    od::test::Scratch dir("unknown-key-severity");
    std::string text = od::test::read_file(od::test::source_path("fixtures/rules/OD1005/trigger.yaml"));
    auto path = dir.write("c.yaml", text + "lint:\n  severity: { unknown-key: warning }\n");
    CHECK(run_cli("lint " + path + " --today 2026-11-22").exit_code == 0);
    // The clean twin checks its users and says nothing about username_claim.
    auto clean = run_cli("lint fixtures/rules/OD1005/clean.yaml --today 2026-11-22 --fail-on info");
    CHECK(clean.out.find("username_claim not set") == std::string::npos);
  }

  TEST_CASE("a shell-style ${VAR} secret is named as such, not as a literal to rotate") {
    auto r = run_cli("lint fixtures/rules/OD2401/shell-style.yaml --today 2026-11-22 --format json");
    auto doc = nlohmann::json::parse(r.out);
    bool seen = false;
    for (auto& f : doc["findings"])
      if (f["rule"] == "OD2401") {
        seen = true;
        std::string all = f.dump();
        CHECK(all.find("${env:OKTA_CONSOLES_SECRET}") != std::string::npos);
        CHECK(all.find("Rotate") == std::string::npos);
      }
    CHECK(seen);
    // A real literal still gets the rotation advice.
    auto lit = run_cli("lint fixtures/rules/OD2401/trigger.yaml --today 2026-11-22 --format json");
    CHECK(lit.out.find("Rotate the secret") != std::string::npos);
  }

  TEST_CASE("arguments: unknown commands and options get a hint; help works; formats are checked first") {
    auto lnt = run_cli("lnt");
    CHECK(lnt.exit_code == 2);
    CHECK(lnt.err.find("unknown command `lnt` (did you mean `lint`?)") != std::string::npos);
    CHECK(lnt.err.find("A subcommand is required") == std::string::npos);
    auto help = run_cli("help");
    CHECK(help.exit_code == 0);
    for (auto& c : od::cli::commands()) CHECK_MESSAGE(help.out.find(std::string(c.name)) != std::string::npos, c.name);
    auto help_lint = run_cli("help lint");
    CHECK(help_lint.exit_code == 0);
    CHECK(help_lint.out == run_cli("lint --help").out);
    CHECK(help_lint.out.find("--fail-on") != std::string::npos);
    auto help_bad = run_cli("help preflght");
    CHECK(help_bad.exit_code == 2);
    CHECK(help_bad.err.find("did you mean `preflight`?") != std::string::npos);
    // A misspelt option is named as an option, with the near one, not blamed on the config path.
    auto fial = run_cli("lint --fial-on warning fixtures/configs/outsystems-okta-clean.yaml");
    CHECK(fial.exit_code == 2);
    CHECK(fial.err.find("unknown option `--fial-on` for `lint` (did you mean `--fail-on`?)") != std::string::npos);
    CHECK(fial.err.find("outsystems-okta-clean") == std::string::npos);
    // A wrong format is reported before the (absent) config is looked for, in both commands.
    for (auto cmd : {"lint", "preflight"}) {
      CAPTURE(cmd);
      auto r = run_cli(std::string(cmd) + " --format jsn does/not/exist.yaml");
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("unknown format `jsn` (did you mean `json`?)") != std::string::npos);
      CHECK(r.err.find("does/not/exist") == std::string::npos);
      auto eq = run_cli(std::string(cmd) + " --format=sarf does/not/exist.yaml");
      CHECK(eq.err.find("unknown format `sarf` (did you mean `sarif`?)") != std::string::npos);
    }
    // Known options still parse, with the config after --format.
    CHECK(run_cli("lint --format json fixtures/configs/outsystems-okta-clean.yaml --today 2026-11-22").exit_code == 0);
  }

  TEST_CASE("--select / --ignore: rule IDs, names and prefixes on the command line; unknown ones named") {
    auto base = std::string("fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22 --format json");
    auto rules_of = [](const od::test::RunResult& r) {
      std::set<std::string> ids;
      auto doc = nlohmann::json::parse(r.out);
      for (auto& f : doc["findings"]) ids.insert(f["rule"].get<std::string>());
      return ids;
    };
    for (auto cmd : {"lint", "preflight --replay does/not/matter"}) {
      CAPTURE(cmd);
      // Parse-time checks: an unknown ID, name or prefix is an error with the nearest rule, before any file is read.
      auto bad = run_cli(std::string(cmd) + " --select OD2010 does/not/exist.yaml");
      CHECK(bad.exit_code == 2);
      CHECK(bad.err.find("`OD2010` is no rule ID, name or ID prefix") != std::string::npos);
      CHECK(bad.err.find("did you mean `OD2810`?") != std::string::npos);
      auto name = run_cli(std::string(cmd) + " --ignore proxy-partail does/not/exist.yaml");
      CHECK(name.err.find("did you mean `proxy-partial`?") != std::string::npos);
      CHECK(run_cli(std::string(cmd) + " --ignore OD7 does/not/exist.yaml").exit_code == 2);  // a prefix of no rule
    }
    auto all = rules_of(run_cli("lint " + base));
    REQUIRE(all.count("OD2101") == 1);
    REQUIRE(all.count("OD2402") == 1);
    // A prefix and an ID, comma-separated: only those rules are reported, and the config after them stays positional.
    auto sel = run_cli("lint --select OD21,OD2402 " + base);
    CHECK(sel.exit_code == 1);
    CHECK(rules_of(sel) == std::set<std::string>{"OD2101", "OD2402"});
    // --ignore removes, by name or by prefix (case-insensitive), and the exit code follows what is left.
    auto ign = rules_of(run_cli("lint " + base + " --ignore proxy-partial --ignore od26"));
    CHECK(ign.count("OD2101") == 0);
    CHECK(ign.count("OD2603") == 0);
    CHECK(ign.count("OD2402") == 1);
    auto none = run_cli("lint " + base + " --ignore OD1,OD2");
    CHECK(none.exit_code == 0);
    CHECK(nlohmann::json::parse(none.out)["findings"].empty());
  }

  TEST_CASE("text collapses repeated findings; JSON and SARIF keep one result per location") {
    auto count = [](const std::string& text, const std::string& what) {
      size_t n = 0;
      for (size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
      return n;
    };
    // Four builder URIs missing on the desktop client: one block listing the four.
    std::string cfg = od::test::read_file(od::test::source_path("fixtures/rules/OD2001/clean.yaml"));
    std::vector<std::string> builders;
    std::string kept;
    std::istringstream in(cfg);
    for (std::string l; std::getline(in, l);) {
      if (l.find("builder.outsystems.com") != std::string::npos || l.find("aimentorstudio") != std::string::npos) {
        builders.push_back(l.substr(l.find("https://")));
        continue;
      }
      kept += l + "\n";
    }
    REQUIRE(builders.size() == 4);
    od::test::Scratch dir("collapse");
    auto path = dir.write("builders.yaml", kept);
    auto text = run_cli("lint " + path + " --today 2026-11-22");
    CHECK(text.exit_code == 1);
    CHECK(count(text.out, "OD2001 redirect-uri-not-registered") == 1);
    CHECK(text.out.find("OD2001 redirect-uri-not-registered  4 findings") != std::string::npos);
    for (auto& uri : builders) CHECK_MESSAGE(count(text.out, uri + " is not registered") == 1, uri);
    CHECK(text.out.find("4 error(s)") != std::string::npos);  // the totals still count each one
    auto json = nlohmann::json::parse(run_cli("lint " + path + " --today 2026-11-22 --format json").out);
    CHECK(json["findings"].size() == 4);
    auto sarif = nlohmann::json::parse(run_cli("lint " + path + " --today 2026-11-22 --format sarif").out);
    CHECK(sarif["runs"][0]["results"].size() == 4);
    // The same finding on four environments: one block naming them, in a group of its own.
    auto entra = std::string("lint fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22");
    auto e = run_cli(entra);
    CHECK(count(e.out, "OD2101 proxy-partial") == 1);
    CHECK(e.out.find("\nenvironments lifetime, dev, qa, uat\n") != std::string::npos);
    CHECK(e.out.find("same for: dev (line 63), qa (line 66), uat (line 69)") != std::string::npos);
    int od2101 = 0;
    auto entra_json = nlohmann::json::parse(run_cli(entra + " --format json").out);
    for (auto& f : entra_json["findings"]) od2101 += f["rule"] == "OD2101";
    CHECK(od2101 == 4);
    // Findings that differ by more than the environment are not merged.
    auto two = run_cli("lint fixtures/rules/OD2001/trigger.yaml --today 2026-11-22");
    CHECK(count(two.out, "OD2001 redirect-uri-not-registered") == 4);
  }

  TEST_CASE("text shows the offending line with a caret under the value, and each rule's documentation") {
    auto r = run_cli("lint fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22");
    // username_claim: upn at 16:19 -> the line, and three carets under `upn`.
    CHECK(r.out.find("          16 |   username_claim: upn\n"
                     "             |                   ^^^\n") != std::string::npos);
    // A key followed by a comment: the caret stops before the comment.
    auto t = run_cli("lint fixtures/rules/OD2001/trigger.yaml --today 2026-11-22");
    CHECK(t.out.find("18 |     redirect_uris:  # expect: OD2001 x2\n"
                     "             |     ^^^^^^^^^^^^^^\n") != std::string::npos);
    // One documentation link per rule reported, none for rules that are not.
    auto doc = nlohmann::json::parse(run_cli("lint fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22 "
                                             "--format json")
                                         .out);
    std::set<std::string> ids;
    for (auto& f : doc["findings"]) ids.insert(f["rule"].get<std::string>());
    REQUIRE(ids.size() >= 3);
    for (auto& id : ids) {
      CAPTURE(id);
      std::string link = "  " + id + "  https://github.com/oidc-doctor/oidc-doctor/blob/main/rules/" + id + ".md\n";
      auto at = r.out.find(link);
      CHECK(at != std::string::npos);
      CHECK(r.out.find(link, at + 1) == std::string::npos);
      CHECK(std::filesystem::exists(od::test::source_path("rules/" + id + ".md")));
    }
    CHECK(r.out.find("rules/OD2401.md") == std::string::npos);
    // A literal secret's line is shown masked: the value never reaches the report.
    std::string kc = od::test::read_file(od::test::source_path("fixtures/configs/outsystems-keycloak-broken.yaml"));
    auto at = kc.find("client_secret: ");
    REQUIRE(at != std::string::npos);
    std::string literal = kc.substr(at + 15, kc.find('\n', at) - at - 15);
    if (auto hash = literal.find(" #"); hash != std::string::npos) literal.resize(hash);
    REQUIRE(literal.size() > 8);
    auto k = run_cli("lint fixtures/configs/outsystems-keycloak-broken.yaml --today 2026-11-22");
    CHECK(k.out.find("client_secret: [redacted]") != std::string::npos);
    CHECK(k.out.find(literal) == std::string::npos);
    auto nr = run_cli("lint fixtures/configs/outsystems-keycloak-broken.yaml --today 2026-11-22 --no-resolve-secrets");
    CHECK(nr.out.find(literal) == std::string::npos);
  }

  TEST_CASE("settings come from the linted file's folder upward; --print-config needs no secret") {
    od::test::Scratch dir("settings-from-config-dir");
    std::string cfg = od::test::read_file(od::test::source_path("fixtures/rules/OD2401/clean.yaml"));
    std::filesystem::create_directories(dir.dir / "team");
    auto path = dir.write("team/oidc.yaml", cfg);
    dir.write(".oidc-doctor.yaml", "lint:\n  fail_on: info\n  ignore: [OD2101]\n");
    // Run from the source tree (run_cli's working directory), not from the scratch folder.
    auto printed = run_cli("lint " + path + " --print-config", "", "-u OD_TEST_SECRET");
    CHECK(printed.exit_code == 0);
    CHECK(printed.out.find((dir.dir / ".oidc-doctor.yaml").string()) != std::string::npos);
    CHECK(printed.out.find("fail_on: info") != std::string::npos);
    CHECK(printed.err.find("OD_TEST_SECRET") == std::string::npos);
    auto pre = run_cli("preflight " + path + " --print-config", "", "-u OD_TEST_SECRET");
    CHECK(pre.exit_code == 0);
    CHECK(pre.out.find("fail_on: info") != std::string::npos);
  }

  TEST_CASE("lint several configs: files and folders, worst exit code, text per file, one JSON document") {
    auto clean = std::string("fixtures/configs/outsystems-okta-clean.yaml");
    auto broken = std::string("fixtures/configs/outsystems-auth0-broken.yaml");
    auto both = run_cli("lint " + clean + " " + broken + " --today 2026-11-22");
    CHECK(both.exit_code == 1);
    CHECK(both.out.find(clean + " · platform") != std::string::npos);
    CHECK(both.out.find(broken + " · platform") != std::string::npos);
    CHECK(run_cli("lint " + clean + " " + clean + " --today 2026-11-22").exit_code == 0);
    // An input error in one config makes the run exit 2, and the others are still linted.
    auto missing = run_cli("lint " + broken + " does/not/exist.yaml --today 2026-11-22");
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.find(broken + " · platform") != std::string::npos);
    // A folder: its configs, sorted by name; JSON is {"schema": 1, "configs": [one lint document each]}.
    auto r = run_cli("lint fixtures/rules/OD1005 --today 2026-11-22 --format json");
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["schema"] == 1);
    REQUIRE(doc["configs"].size() == 2);
    CHECK(doc["configs"][0]["config"].get<std::string>().ends_with("clean.yaml"));
    CHECK(doc["configs"][1]["config"].get<std::string>().ends_with("trigger.yaml"));
    CHECK(doc["configs"][0]["summary"]["failed"] == false);
    CHECK(doc["configs"][1]["summary"]["failed"] == true);
    // Formats that describe one config each are refused with several.
    CHECK(run_cli("lint " + clean + " " + broken + " --format sarif").exit_code == 2);
  }

  TEST_CASE("--format concise: file:line:col: severity: message [ID], one line per finding") {
    auto r = run_cli(
        "lint fixtures/rules/OD1005/trigger.yaml fixtures/rules/OD2401/trigger.yaml --today 2026-11-22 "
        "--format concise");
    CHECK(r.exit_code == 1);
    std::istringstream in(r.out);
    static const std::regex line(R"(^(\S+):(\d+):(\d+): (error|warning|info): (.+) \[(OD\d{4})\]$)");
    int n = 0;
    bool od1001 = false, od2401 = false;
    for (std::string l; std::getline(in, l);) {
      CAPTURE(l);
      std::smatch m;
      REQUIRE(std::regex_match(l, m, line));
      ++n;
      if (m[6] == "OD1001") od1001 = m[1] == "fixtures/rules/OD1005/trigger.yaml" && m[2] == "9" && m[4] == "error";
      if (m[6] == "OD2401") od2401 = m[1] == "fixtures/rules/OD2401/trigger.yaml" && m[2] == "13";
    }
    CHECK(n >= 3);
    CHECK(od1001);
    CHECK(od2401);
  }

  TEST_CASE("loader errors a new user can act on: another product's provider name, a tab indent") {
    od::test::Scratch dir("loader-hints");
    auto az = dir.write("az.yaml", "version: 1\nplatform: outsystems\nprovider:\n  kind: azure\n");
    auto r = run_cli("lint " + az);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("az.yaml:4:9: `provider.kind` is `azure`: Microsoft Entra ID is `entra`") != std::string::npos);
    auto oka = dir.write("oka.yaml", "version: 1\nplatform: outsystems\nprovider:\n  kind: oktaa\n");
    CHECK(run_cli("lint " + oka).err.find("(did you mean `okta`?)") != std::string::npos);
    auto tab = dir.write("tab.yaml", "version: 1\nplatform: outsystems\nprovider:\n\tkind: entra\n");
    auto t = run_cli("lint " + tab);
    CHECK(t.exit_code == 2);
    CHECK(t.err.find("tab.yaml:4:1: malformed YAML: a tab in the indentation") != std::string::npos);
    // Other YAML errors do not blame tabs.
    auto m = run_cli("lint fixtures/configs/malformed-yaml.yaml");
    CHECK(m.exit_code == 2);
    CHECK(m.err.find("tab") == std::string::npos);
  }

  TEST_CASE("a log given to lint points to diagnose --file; the key table marks metadata_url required") {
    od::test::Scratch dir("lint-a-log");
    std::string log =
        "2026-11-22 10:00:01 ERROR OIDC token request failed: AADSTS7000215: Invalid client secret provided.\n"
        "2026-11-22 10:00:02 INFO retrying\n";
    for (auto name : {"server.log", "dump.out"}) {
      CAPTURE(name);
      auto path = dir.write(name, log);
      auto r = run_cli("lint " + path);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find("this looks like a log, not a config: to explain the errors in it, run oidc-doctor diagnose "
                       "--file " +
                       path) != std::string::npos);
      CHECK(r.err.find('\n') == r.err.size() - 1);  // still one line
    }
    // A broken config is not called a log.
    CHECK(run_cli("lint fixtures/configs/malformed-yaml.yaml").err.find("looks like a log") == std::string::npos);
    std::string table = run_cli("schema --format markdown").out;
    auto row = table.find("| `provider.metadata_url` |");
    REQUIRE(row != std::string::npos);
    CHECK(table.substr(row, table.find('\n', row) - row).find("required unless posit-connect") != std::string::npos);
  }

  TEST_CASE("lint - reads the config from standard input, alone or among files") {
    std::string broken = od::test::read_file(od::test::source_path("fixtures/configs/outsystems-auth0-broken.yaml"));
    auto r = run_cli("lint - --today 2026-11-22 --format json", broken);
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["summary"]["failed"] == true);
    std::string clean = od::test::read_file(od::test::source_path("fixtures/configs/outsystems-okta-clean.yaml"));
    CHECK(run_cli("lint - --today 2026-11-22", clean).exit_code == 0);
    auto both = run_cli("lint - fixtures/configs/outsystems-okta-clean.yaml --today 2026-11-22 --format json", broken);
    CHECK(both.exit_code == 1);
    CHECK(nlohmann::json::parse(both.out)["configs"].size() == 2);
  }

  TEST_CASE("errors are one line on stderr, nothing on stdout") {
    auto r = run_cli("lint fixtures/configs/wrong-type.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("oidc-doctor: fixtures/configs/wrong-type.yaml:9:11: "));
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }

  TEST_CASE("rules: list, explain by ID or name, unknown rule") {
    auto list = run_cli("rules");
    CHECK(list.exit_code == 0);
    for (const od::Rule* rule : od::all_rules()) CHECK(list.out.find(std::string(rule->id)) != std::string::npos);
    auto json = nlohmann::json::parse(run_cli("rules --format json").out);
    CHECK(json["rules"].size() == od::all_rules().size());
    auto by_id = run_cli("rules explain OD2001"), by_name = run_cli("rules explain redirect-uri-not-registered");
    CHECK(by_id.exit_code == 0);
    CHECK(by_id.out.starts_with("# OD2001 redirect-uri-not-registered"));
    CHECK(by_id.out == by_name.out);
    auto unknown = run_cli("rules explain OD9999");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("no rule `OD9999`") != std::string::npos);
  }

  TEST_CASE("help lists every command; --version prints the version") {
    auto help = run_cli("--help");
    CHECK(help.exit_code == 0);
    for (auto cmd : {"lint", "redirect-uris", "rules", "schema"}) CHECK(help.out.find(cmd) != std::string::npos);
    CHECK(run_cli("--version").out.starts_with("oidc-doctor "));
  }

  TEST_CASE("redirect-uris prints exactly what each client must register") {
    auto r = run_cli("redirect-uris fixtures/configs/outsystems-okta-clean.yaml");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx\n") != std::string::npos);
    CHECK(r.out.find("servicestudio://auth\n") != std::string::npos);
    auto j =
        nlohmann::json::parse(run_cli("redirect-uris fixtures/configs/outsystems-okta-clean.yaml --format json").out);
    REQUIRE(j["clients"].size() == 2);
    // Every URI the clean config registers is one the platform needs, and vice versa.
    CHECK(j["clients"][0]["redirect_uris"].size() > 0);
  }

  TEST_CASE("colour: off when not a TTY, --color wins, FORCE_COLOR forces auto, NO_COLOR beats FORCE_COLOR") {
    auto lint = std::string("lint fixtures/configs/outsystems-auth0-broken.yaml --today 2026-11-22");
    auto colored = [](const od::test::RunResult& r) { return r.out.find("\x1b[") != std::string::npos; };
    CHECK_FALSE(colored(run_cli(lint, "", "-u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE")));
    CHECK(colored(run_cli(lint + " --color always", "", "NO_COLOR=1")));
    CHECK(colored(run_cli(lint, "", "-u NO_COLOR FORCE_COLOR=1")));
    CHECK(colored(run_cli(lint, "", "-u NO_COLOR CLICOLOR_FORCE=1")));
    CHECK_FALSE(colored(run_cli(lint, "", "NO_COLOR=1 FORCE_COLOR=1")));
    CHECK_FALSE(colored(run_cli(lint + " --color never", "", "-u NO_COLOR FORCE_COLOR=1")));
  }
}

TEST_SUITE("cli") {
  TEST_CASE("Ctrl-C during preflight: what is known, an interrupted line, exit 130, promptly") {
    od::test::Scratch dir("preflight-sigint");
    // A config whose IdP is a loopback server that accepts and never answers.
    std::string cfg = od::test::read_file(od::test::source_path("fixtures/rules/OD2001/trigger.yaml"));
    auto at = cfg.find("https://acme.okta.com/oauth2/default/.well-known/openid-configuration");
    REQUIRE(at != std::string::npos);
    cfg.replace(at, std::string("https://acme.okta.com").size(), "http://127.0.0.1:PORT");
    auto portfile = (dir.dir / "port").string();
    auto script = dir.write("run.sh",
                            "set -u\n"
                            "python3 " +
                                od::test::source_path("tests/silent_server.py") + " " + portfile +
                                " & srv=$!\n"
                                "for i in $(seq 100); do [ -s " +
                                portfile +
                                " ] && break; sleep 0.05; done\n"
                                "sed \"s/PORT/$(cat " +
                                portfile + ")/\" " + dir.write("c.in", cfg) + " > " + (dir.dir / "c.yaml").string() +
                                "\n" + OD_BINARY + " preflight " + (dir.dir / "c.yaml").string() +
                                " --no-resolve-secrets --today 2026-11-22 --timeout 60 --deadline 120"
                                " >" +
                                (dir.dir / "out").string() + " 2>" + (dir.dir / "err").string() +
                                " & pf=$!\n"
                                "sleep 1.5\n"
                                "start=$(date +%s%N); kill -INT $pf; wait $pf; rc=$?; end=$(date +%s%N)\n"
                                "kill $srv\n"
                                "echo \"$rc $(( (end - start) / 1000000 ))\" >" +
                                (dir.dir / "rc").string() + "\n");
    REQUIRE(std::system(("bash " + script).c_str()) == 0);
    std::istringstream rc(od::test::read_file((dir.dir / "rc").string()));
    int code = -1, ms = -1;
    rc >> code >> ms;
    auto out = od::test::read_file((dir.dir / "out").string());
    auto err = od::test::read_file((dir.dir / "err").string());
    CAPTURE(out);
    CAPTURE(err);
    CHECK(code == 130);
    CHECK(ms >= 0);
    CHECK(ms < 2000);  // the probe loop polls every 100 ms; nothing waits for the 60 s timeout
    // The offline findings are there (the trigger's missing redirect URIs), and the header says
    // where the probes ran from.
    CHECK(out.find("OD2001 redirect-uri-not-registered") != std::string::npos);
    CHECK(out.find("probed from this host, through each environment's proxy settings") != std::string::npos);
    // The probes that never finished are not reported as failures of the IdP.
    CHECK(out.find("OD3001") == std::string::npos);
    CHECK(err.find("interrupted: 0 of 3 discovery probe(s) had finished") != std::string::npos);
  }

  TEST_CASE("diagnose alone on a terminal prompts for a paste; both quote kinds come through") {
    od::test::Scratch dir("diagnose-paste");
    // Both quote kinds, as IdP pages and JSON bodies have them: no shell quoting could hold this.
    std::string paste =
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client "
        "secret value, not the client secret ID, for a secret added to app '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.\n"
        "{\"error\":\"invalid_client\",\"error_codes\":[7000215]}\n";
    auto input = dir.write("paste.txt", paste);
    auto shown = (dir.dir / "shown").string();
    REQUIRE(std::system(("python3 " + od::test::source_path("tests/pty_run.py") + " " + input + " env NO_COLOR=1 " +
                         OD_BINARY + " diagnose >" + shown)
                            .c_str()) == 0);
    auto out = od::test::read_file(shown);
    CAPTURE(out);
    CHECK(out.find("Paste the error, then press Ctrl-D") != std::string::npos);
    CHECK(out.find("AADSTS7000215") != std::string::npos);
    CHECK(out.find("\nexit=0") != std::string::npos);
    // Piped, there is no prompt: scripts read clean stderr.
    auto piped = run_cli("diagnose", paste);
    CHECK(piped.exit_code == 0);
    CHECK(piped.err.find("Paste the error") == std::string::npos);
    CHECK(piped.out.find("AADSTS7000215") != std::string::npos);
  }

  TEST_CASE("completion scripts come from the CLI definition and work") {
    auto bash = run_cli("completions bash");
    CHECK(bash.exit_code == 0);
    for (auto& cmd : od::cli::commands()) CHECK(bash.out.find(std::string(cmd.name) + ")") != std::string::npos);
    CHECK(bash.out.find("--write-baseline") != std::string::npos);
    // Source it in a real bash and ask for completions, as the shell would.
    auto dir = std::filesystem::temp_directory_path() / ("od-compl-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "c.bash") << bash.out;
    std::string script = "source " + (dir / "c.bash").string() +
                         "; COMP_WORDS=(oidc-doctor li); COMP_CWORD=1; _oidc_doctor; echo \"${COMPREPLY[*]}\";"
                         " COMP_WORDS=(oidc-doctor lint --fail); COMP_CWORD=2; _oidc_doctor; echo \"${COMPREPLY[*]}\"";
    std::ofstream(dir / "t.sh") << script;
    auto out = dir / "out.txt";
    REQUIRE(std::system(("bash " + (dir / "t.sh").string() + " >" + out.string()).c_str()) == 0);
    CHECK(od::test::read_file(out.string()) == "lint\n--fail-on\n");
    // Values: severities, formats, platforms, rule IDs for `rules explain`, shells, rule lists.
    auto ask = [&](const std::string& words) {
      std::ofstream(dir / "v.sh") << "source " + (dir / "c.bash").string() + "; COMP_WORDS=(" + words +
                                         "); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _oidc_doctor; "
                                         "printf '%s\\n' \"${COMPREPLY[@]}\"";
      auto o = dir / "v.txt";
      REQUIRE(std::system(("bash " + (dir / "v.sh").string() + " >" + o.string()).c_str()) == 0);
      std::vector<std::string> got;
      std::istringstream in(od::test::read_file(o.string()));
      for (std::string l; std::getline(in, l);) got.push_back(l);
      return got;
    };
    using V = std::vector<std::string>;
    CHECK(ask("oidc-doctor lint --fail-on ''") == V{"error", "warning", "info", "never"});
    CHECK(ask("oidc-doctor preflight --format j") == V{"json", "junit"});
    CHECK(ask("oidc-doctor diagnose --platform ''") == V{"outsystems", "posit-connect", "generic"});
    CHECK(ask("oidc-doctor completions ''") == V{"bash", "zsh", "fish", "--help"});
    CHECK(ask("oidc-doctor rules explain OD240") == V{"OD2401", "OD2402", "OD2403", "OD2404", "OD2405", "OD2406"});
    CHECK(ask("oidc-doctor lint --select OD21") == V{"OD2101", "OD2102"});
    // No word is offered twice for any command (--help once).
    for (auto& cmd : od::cli::commands()) {
      CAPTURE(cmd.name);
      auto all = ask("oidc-doctor " + std::string(cmd.name) + " -");
      std::set<std::string> unique(all.begin(), all.end());
      CHECK(unique.size() == all.size());
      CHECK(std::count(all.begin(), all.end(), "--help") == 1);
    }
    auto zsh = run_cli("completions zsh"), fish = run_cli("completions fish");
    CHECK(zsh.out.starts_with("#compdef oidc-doctor"));
    CHECK(fish.out.find("complete -c oidc-doctor -n '__fish_seen_subcommand_from lint' -l fail-on") !=
          std::string::npos);
    CHECK(fish.out.find("-l fail-on -x -a 'error warning info never'") != std::string::npos);
    CHECK(zsh.out.find("'2:explain:(OD1001 ") != std::string::npos);
    CHECK(zsh.out.find("'1:argument:(bash zsh fish)'") != std::string::npos);
    CHECK(run_cli("completions powershell").exit_code == 2);
  }
}
