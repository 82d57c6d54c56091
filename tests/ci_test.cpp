// CI gating (issue 6): machine formats checked by their official validators, suppressions and
// baselines through the real binary, settings discovery, and the JSON Schema against fixtures.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "rules/registry.h"
#include "support.h"

namespace fs = std::filesystem;
using od::test::read_file;
using od::test::run_cli;
using od::test::source_path;

namespace {

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("od-ci-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string tools_bin(const std::string& name) { return source_path("tests/tools/node_modules/.bin/" + name); }

// Runs a shell command, returns its exit code; output goes to `out`.
int sh(const std::string& cmd, const fs::path& out) {
  int status = std::system((cmd + " >" + out.string() + " 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

constexpr const char* kBroken = "fixtures/configs/outsystems-entra-broken.yaml";

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("SARIF passes the official validator with no errors, for plain and suppressed results") {
    REQUIRE_MESSAGE(fs::exists(tools_bin("sarif-multitool")), "run scripts/setup.sh (npm ci in tests/tools)");
    auto dir = scratch("sarif");
    // A config with an inline suppression, so `suppressions` are validated too.
    std::string text = read_file(source_path(kBroken));
    text =
        std::regex_replace(text, std::regex("\\n(environments:)"), "\n# oidc-doctor: disable=OD2101 -- migration\n$1");
    write(dir / "oidc-doctor.yaml", text);
    for (auto config : {std::string(source_path(kBroken)), (dir / "oidc-doctor.yaml").string()}) {
      CAPTURE(config);
      auto sarif = dir / "out.sarif";
      auto r = run_cli("lint " + config + " --today 2026-11-22 --format sarif=" + sarif.string());
      CHECK(r.exit_code == 1);
      REQUIRE(fs::exists(sarif));
      auto report = dir / "validation.sarif";
      int rc = sh(tools_bin("sarif-multitool") + " validate " + sarif.string() + " -o " + report.string() +
                      " --log ForceOverwrite",
                  dir / "validator.log");
      CHECK_MESSAGE(rc == 0, read_file((dir / "validator.log").string()));
      auto v = nlohmann::json::parse(read_file(report.string()));
      int errors = 0;
      for (auto& res : v["runs"][0]["results"])
        if (res.value("level", "warning") == "error") {
          ++errors;
          MESSAGE(res.dump());
        }
      CHECK(errors == 0);
    }
  }

  TEST_CASE("SARIF carries every rule with its documentation, and fingerprints survive moved lines") {
    auto dir = scratch("fingerprints");
    auto first =
        nlohmann::json::parse(run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format sarif").out);
    auto& run = first["runs"][0];
    CHECK(run["tool"]["driver"]["rules"].size() == od::all_rules().size());
    for (auto& r : run["tool"]["driver"]["rules"]) {
      CHECK(r["help"]["markdown"].get<std::string>().starts_with("# " + r["id"].get<std::string>()));
      CHECK(r.contains("helpUri"));
    }
    CHECK(run["results"].size() > 3);
    // The same config with lines inserted at the top: every finding moves, none changes identity.
    write(dir / "moved.yaml", "# moved\n# by\n# three lines\n" + read_file(source_path(kBroken)));
    auto moved = nlohmann::json::parse(
        run_cli("lint " + (dir / "moved.yaml").string() + " --today 2026-11-22 --format sarif").out);
    auto prints = [](const nlohmann::json& doc) {
      std::multiset<std::string> s;
      for (auto& r : doc["runs"][0]["results"]) s.insert(r["partialFingerprints"]["oidcDoctor/v1"].get<std::string>());
      return s;
    };
    auto lines = [](const nlohmann::json& doc) {
      std::vector<int> v;
      for (auto& r : doc["runs"][0]["results"])
        v.push_back(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>());
      return v;
    };
    // Fingerprints hash the file name too; compare after replacing it.
    CHECK(prints(first).size() == prints(moved).size());
    auto l1 = lines(first), l2 = lines(moved);
    REQUIRE(l1.size() == l2.size());
    for (size_t i = 0; i < l1.size(); ++i) CHECK(l2[i] == l1[i] + 3);
    auto again =
        nlohmann::json::parse(run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format sarif").out);
    CHECK(prints(first) == prints(again));
  }

  TEST_CASE("JUnit: one testcase per rule and target, failures for findings") {
    auto out = run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format junit").out;
    CHECK(out.starts_with("<?xml"));
    // 5 environments + 2 clients + the configuration = 8 targets per rule that can judge a config
    // (token rules judge tokens, so they are no testcases of a config).
    size_t cases = 0, config_rules = 0;
    for (size_t at = 0; (at = out.find("<testcase ", at)) != std::string::npos; ++at) ++cases;
    for (const od::Rule* r : od::all_rules()) config_rules += r->phase != od::Phase::Token;
    CHECK(config_rules < od::all_rules().size());
    CHECK(cases == config_rules * 8);
    CHECK(out.find("OD4301") == std::string::npos);
    CHECK(out.find("<failure message=") != std::string::npos);
    CHECK(out.find("name=\"OD2101 environment lifetime\"") != std::string::npos);
    std::smatch m;
    REQUIRE(
        std::regex_search(out, m, std::regex("<testsuites name=\"oidc-doctor\" tests=\"(\\d+)\" failures=\"(\\d+)\"")));
    CHECK(std::stoul(m[1]) == cases);
    CHECK(std::stoi(m[2]) >= 5);
  }

  TEST_CASE("GitHub annotations, chosen automatically under GitHub Actions") {
    auto explicit_fmt = run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format github").out;
    auto automatic = run_cli(std::string("lint ") + kBroken + " --today 2026-11-22", "", "GITHUB_ACTIONS=true").out;
    CHECK(explicit_fmt == automatic);
    std::regex line("^::(error|warning|notice) file=[^,]+,line=\\d+,col=\\d+,title=OD\\d{4} [a-z0-9-]+::.+$");
    int n = 0;
    std::istringstream in(explicit_fmt);
    for (std::string l; std::getline(in, l); ++n) CHECK_MESSAGE(std::regex_match(l, line), l);
    CHECK(n >= 5);
    CHECK(explicit_fmt.find("%0AFix: ") != std::string::npos);  // newlines escaped inside one annotation
    CHECK(run_cli(std::string("lint ") + kBroken + " --today 2026-11-22", "", "GITHUB_ACTIONS=false")
              .out.find("::error") == std::string::npos);
  }

  TEST_CASE("GitLab Code Quality report") {
    auto doc =
        nlohmann::json::parse(run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format gitlab").out);
    REQUIRE(doc.is_array());
    REQUIRE(doc.size() >= 5);
    std::set<std::string> fingerprints;
    for (auto& i : doc) {
      CHECK(i["location"]["path"] == kBroken);
      CHECK(i["location"]["lines"]["begin"].get<int>() > 0);
      CHECK(std::set<std::string>{"info", "minor", "major", "critical", "blocker"}.count(i["severity"]));
      fingerprints.insert(i["fingerprint"]);
    }
    CHECK(fingerprints.size() == doc.size());
  }

  TEST_CASE("several formats at once; only one on stdout") {
    auto dir = scratch("multi");
    auto r = run_cli(std::string("lint ") + kBroken + " --today 2026-11-22 --format json --format sarif=" +
                     (dir / "a.sarif").string() + " --format junit=" + (dir / "a.xml").string());
    CHECK(r.exit_code == 1);
    CHECK(nlohmann::json::parse(r.out)["schema"] == 1);
    CHECK(fs::file_size(dir / "a.sarif") > 1000);
    CHECK(fs::file_size(dir / "a.xml") > 1000);
    auto bad = run_cli(std::string("lint ") + kBroken + " --format json --format text");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("only one format can go to stdout") != std::string::npos);
    CHECK(run_cli(std::string("lint ") + kBroken + " --format pdf").exit_code == 2);
    CHECK(run_cli(std::string("lint ") + kBroken + " --format sarif=/nonexistent/dir/x.sarif").exit_code == 2);
  }

  TEST_CASE("inline suppressions: this line, next key, block; visible as suppressed; reasons required on request") {
    auto dir = scratch("inline");
    std::string text = read_file(source_path(kBroken));
    // OD2101 fires on four environments; suppress them as a block, and OD2603 on its own line.
    text = std::regex_replace(text, std::regex("\\n(environments:)"),
                              "\n# oidc-doctor: disable-block=proxy-partial -- proxy migration until March\n$1");
    text = std::regex_replace(text, std::regex("(metadata_url: [^\\n]*)"),
                              "$1  # oidc-doctor: disable=OD2603 -- accepted");
    write(dir / "c.yaml", text);
    auto doc =
        nlohmann::json::parse(run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --format json").out);
    int suppressed = 0;
    for (auto& f : doc["findings"])
      if (f.contains("suppressed")) {
        ++suppressed;
        CHECK(f["suppressed"]["kind"] == "inline");
        CHECK((f["rule"] == "OD2101" || f["rule"] == "OD2603"));
      } else {
        CHECK(f["rule"] != "OD2101");
        CHECK(f["rule"] != "OD2603");
      }
    CHECK(suppressed == 5);
    CHECK(doc["summary"]["suppressed"] == 5);
    auto text_out = run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22").out;
    CHECK(text_out.find("5 suppressed") != std::string::npos);
    auto sarif =
        nlohmann::json::parse(run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --format sarif").out);
    int in_source = 0;
    for (auto& r : sarif["runs"][0]["results"])
      if (r.contains("suppressions")) in_source += r["suppressions"][0]["kind"] == "inSource";
    CHECK(in_source == 5);

    // Without a reason, --require-reason turns the suppression into an OD9002 error instead.
    std::string no_reason = std::regex_replace(text, std::regex(" -- accepted"), "");
    write(dir / "d.yaml", no_reason);
    CHECK(run_cli("lint " + (dir / "d.yaml").string() + " --today 2026-11-22 --format json").out.find("OD9002") ==
          std::string::npos);
    auto strict = run_cli("lint " + (dir / "d.yaml").string() + " --today 2026-11-22 --format json --require-reason");
    CHECK(strict.out.find("\"OD9002\"") != std::string::npos);
  }

  TEST_CASE("baseline: accepted findings stay accepted when lines move; expired entries fire again") {
    auto dir = scratch("baseline");
    std::string text = read_file(source_path("fixtures/configs/outsystems-okta-broken.yaml"));
    write(dir / "c.yaml", text);
    auto base = (dir / "baseline.json").string();
    auto w = run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --write-baseline " + base);
    CHECK(w.exit_code == 0);
    auto b = nlohmann::json::parse(read_file(base));
    REQUIRE(b["entries"].size() >= 5);
    for (auto& e : b["entries"]) {
      CHECK(e["file"] == "c.yaml");  // relative to the baseline, no line numbers anywhere
      CHECK_FALSE(e.contains("line"));
    }
    CHECK(run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --baseline " + base).exit_code == 0);
    write(dir / "c.yaml", "# a comment\n# and another\n" + text);
    auto moved =
        run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --baseline " + base + " --format json");
    CHECK(moved.exit_code == 0);
    CHECK(nlohmann::json::parse(moved.out)["summary"]["suppressed"] == b["entries"].size());

    // An entry that expired yesterday no longer suppresses, and says so.
    b["entries"][0]["expires"] = "2026-11-21";
    b["entries"][1]["expires"] = "2027-01-31";
    write(base, b.dump(2));
    auto expired =
        run_cli("lint " + (dir / "c.yaml").string() + " --today 2026-11-22 --baseline " + base + " --format json");
    auto doc = nlohmann::json::parse(expired.out);
    int od9003 = 0, counted = 0;
    for (auto& f : doc["findings"]) {
      if (f["rule"] == "OD9003") ++od9003;
      if (!f.contains("suppressed") && f["rule"] == b["entries"][0]["rule"]) ++counted;
    }
    CHECK(od9003 == 1);
    CHECK(counted >= 1);

    write(base, "{\"schema\": 1, \"entries\": [ {\"rule\": ");
    auto broken = run_cli("lint " + (dir / "c.yaml").string() + " --baseline " + base);
    CHECK(broken.exit_code == 2);
    CHECK(broken.err.find("baseline.json:1:") != std::string::npos);
  }

  TEST_CASE("settings: a discovered .oidc-doctor.yaml, overridden by flags, shown by --print-config") {
    auto dir = scratch("settings");
    fs::create_directories(dir / "sub");
    write(dir / ".oidc-doctor.yaml", "lint:\n  ignore: [OD2101]\n  severity: { OD2303: error }\n  fail_on: warning\n");
    write(dir / "sub" / "c.yaml", read_file(source_path(kBroken)));
    auto env = "-C " + (dir / "sub").string();
    auto doc = nlohmann::json::parse(run_cli("lint c.yaml --today 2026-11-22 --format json", "", env).out);
    for (auto& f : doc["findings"]) {
      if (f["rule"] == "OD2101") CHECK(f["suppressed"]["kind"] == "config");
      if (f["rule"] == "OD2303") CHECK(f["severity"] == "error");
    }
    CHECK(doc["summary"]["fail_on"] == "warning");
    auto printed = run_cli("lint c.yaml --print-config", "", env).out;
    CHECK(printed.find((dir / ".oidc-doctor.yaml").string()) != std::string::npos);
    CHECK(printed.find("fail_on: warning") != std::string::npos);
    CHECK(run_cli("lint c.yaml --print-config --fail-on never", "", env).out.find("# from --fail-on") !=
          std::string::npos);
    write(dir / ".oidc-doctor.yaml", "lint:\n  ignor: [OD2101]\n");
    auto bad = run_cli("lint c.yaml", "", env);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("did you mean `ignore`") != std::string::npos);
  }

  TEST_CASE("the JSON Schema accepts every valid fixture config and rejects the invalid ones") {
    REQUIRE_MESSAGE(fs::exists(source_path("tests/tools/node_modules/ajv")), "run scripts/setup.sh");
    std::vector<std::string> files;
    for (auto& e : fs::recursive_directory_iterator(source_path("fixtures")))
      if (e.path().extension() == ".yaml" ||
          (e.path().extension() == ".json" && e.path().parent_path().filename() == "configs"))
        files.push_back(e.path().string());
    for (auto& e : fs::directory_iterator(source_path("examples")))
      if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    std::string cmd =
        "node " + source_path("tests/tools/validate-config.mjs") + " " + source_path("schema/oidc-doctor.schema.json");
    for (auto& f : files) cmd += " " + f;
    auto dir = scratch("schema");
    REQUIRE(sh(cmd, dir / "out.jsonl") == 0);
    std::istringstream in(read_file((dir / "out.jsonl").string()));
    int checked = 0;
    for (std::string line; std::getline(in, line);) {
      auto r = nlohmann::json::parse(line);
      std::string file = r["file"];
      CAPTURE(file);
      CAPTURE(r["errors"].dump());
      // Invalid on purpose: malformed inputs, and fixtures that demonstrate an unknown key (OD1001),
      // which the schema rejects just as the linter reports it.
      bool invalid =
          file.find("malformed") != std::string::npos || file.find("wrong-type") != std::string::npos ||
          file.find("missing-required") != std::string::npos ||
          (read_file(file).find("OD1001") != std::string::npos && file.find("/OD1001/clean") == std::string::npos);
      bool other_format = file.find("fixtures/imports/") != std::string::npos ||
                          file.find("fixtures/recordings/") != std::string::npos ||
                          file.find("fixtures/errors/") != std::string::npos ||
                          file.find("fixtures/diagnose/") != std::string::npos;
      if (other_format) continue;
      CHECK(r["valid"] == !invalid);
      ++checked;
    }
    CHECK(checked > 80);
  }
}
