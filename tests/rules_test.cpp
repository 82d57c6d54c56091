// Every registered rule: a doc page that agrees with the registry, a fixture that triggers it on
// exactly the annotated lines, and a near-identical fixture that must not trigger it.
#include <doctest/doctest.h>
#include "app/app.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/uri.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "rules/policy.h"
#include "rules/registry.h"
#include "support.h"

using namespace od;

namespace {

void ensure_test_secrets() {
  setenv("OD_TEST_SECRET", "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga", 0);
  setenv("OD_TEST_SECRET_ID", "2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b", 0);
}

// Where findings must point: "LINE" for `# expect: ID` (or `# expect: ID xN`) on that line of the
// fixture, and "FILE:LINE" for `# expect: ID at PATH:LINE` (a finding inside an imported export,
// which as JSON cannot carry the comment; PATH is relative to the fixture). Sorted multiset.
std::vector<std::string> expected_lines(const std::string& fixture, std::string_view id) {
  std::vector<std::string> lines;
  std::istringstream in(test::read_file(fixture));
  std::string line;
  static const std::regex re(R"(#\s*expect:\s*(OD\d{4})(?:\s*x(\d+))?(?:\s+at\s+(\S+):(\d+))?)");
  auto dir = std::filesystem::path(fixture).parent_path();
  for (int n = 1; std::getline(in, line); ++n) {
    std::smatch m;
    if (std::regex_search(line, m, re) && m[1] == std::string(id)) {
      int count = m[2].matched ? std::stoi(m[2]) : 1;
      std::string where =
          m[3].matched ? (dir / m[3].str()).lexically_normal().string() + ":" + m[4].str() : std::to_string(n);
      for (int i = 0; i < count; ++i) lines.push_back(where);
    }
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> finding_lines(const std::string& path, std::string_view id) {
  // Lint through the app layer, as the CLI does: rules, then the config's lint settings, inline
  // suppressions and, when the fixture folder has one, baseline.json (meta rules exist after that).
  auto baseline_path = std::filesystem::path(path).parent_path() / "baseline.json";
  app::LintOptions o{.config = path, .today = *Date::parse("2026-11-22")};
  if (std::filesystem::exists(baseline_path)) o.report.baseline = baseline_path.string();
  o.report.settings_dir = std::filesystem::path(path).parent_path().string();
  auto report = app::lint(o);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().str()));
  std::vector<std::string> lines;
  for (auto& f : report->findings)
    if (f.rule->id == id && !f.suppression)
      lines.push_back((f.location.file == path ? "" : f.location.file + ":") + std::to_string(f.location.pos.line));
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("registry: IDs and names are unique, well formed and sorted") {
    std::string prev;
    std::set<std::string_view> names;
    for (const Rule* r : all_rules()) {
      CAPTURE(r->id);
      CHECK(std::regex_match(std::string(r->id), std::regex("OD[1-9][0-9]{3}")));
      CHECK(std::regex_match(std::string(r->name), std::regex("[a-z0-9]+(-[a-z0-9]+)*")));
      CHECK(std::string(r->id) > prev);
      CHECK(names.insert(r->name).second);
      CHECK(find_rule(r->id) == r);
      std::string upper(r->name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      CHECK(find_rule(upper) == r);
      prev = std::string(r->id);
    }
    CHECK(find_rule("od2001") == find_rule("OD2001"));
    CHECK(find_rule("no-such-rule") == nullptr);
  }

  TEST_CASE("the registry, the rule files, the docs and the fixture folders name the same rules") {
    // Each set, read from the tree, must equal the registry's; the counts are the registry's.
    auto ids_in = [](const std::string& folder, auto&& pick) {
      std::set<std::string> out;
      for (auto& e : std::filesystem::directory_iterator(test::source_path(folder)))
        if (auto id = pick(e.path()); !id.empty()) out.insert(id);
      return out;
    };
    auto rule_id = [](const std::string& s) {
      static const std::regex re("^(OD[0-9]{4})(?:_.*\\.cpp|\\.md)?$");
      std::smatch m;
      return std::regex_match(s, m, re) ? m[1].str() : std::string();
    };
    std::set<std::string> registered, offline, probe, token;
    for (const Rule* r : all_rules()) {
      std::string id(r->id);
      registered.insert(id);
      if (r->phase == Phase::Probe)
        probe.insert(id);
      else if (r->phase == Phase::Token)
        token.insert(id);
      else
        offline.insert(id);  // offline and meta rules share the config fixtures
    }
    auto sources = ids_in("src/rules", [&](const std::filesystem::path& p) { return rule_id(p.filename().string()); });
    auto docs = ids_in("rules", [&](const std::filesystem::path& p) { return rule_id(p.filename().string()); });
    auto config_fixtures =
        ids_in("fixtures/rules", [&](const std::filesystem::path& p) { return rule_id(p.filename().string()); });
    auto recordings =
        ids_in("fixtures/recordings", [&](const std::filesystem::path& p) { return rule_id(p.filename().string()); });
    CHECK(sources == registered);
    CHECK(docs == registered);
    std::set<std::string> with_config_fixtures = offline;
    with_config_fixtures.insert(token.begin(), token.end());  // token rules keep their tokens there too
    CHECK(config_fixtures == with_config_fixtures);
    CHECK(recordings == probe);
    CHECK(sources.size() == all_rules().size());
    MESSAGE(registered.size() << " rules: " << offline.size() << " offline and meta, " << probe.size() << " probe, "
                              << token.size() << " token");
  }

  TEST_CASE("every rule has a doc page that agrees with the registry") {
    for (const Rule* r : all_rules()) {
      CAPTURE(r->id);
      std::string doc(rule_doc(r->id));
      REQUIRE_FALSE(doc.empty());
      std::istringstream in(doc);
      std::string title, line, meta;
      std::getline(in, title);
      CHECK(title == "# " + std::string(r->id) + " " + std::string(r->name));
      while (std::getline(in, line))
        if (!line.empty()) {
          meta = line;
          break;
        }
      CHECK(meta.starts_with("Severity: " + std::string(severity_name(r->severity)) +
                             " · Category: " + std::string(r->category) + " · Platforms: "));
      for (auto section : {"## What it checks", "## Why it matters", "## How to fix"})
        CHECK_MESSAGE(doc.find(section) != std::string::npos, section);
    }
  }

  TEST_CASE("every offline rule fires exactly on its annotated lines, and not on its clean twin") {
    ensure_test_secrets();
    int checked = 0;
    for (const Rule* r : all_rules()) {
      if (r->phase != Phase::Offline && r->phase != Phase::Meta) continue;  // probe rules: see the next test
      CAPTURE(r->id);
      std::string dir = test::source_path("fixtures/rules/" + std::string(r->id));
      std::string trigger = dir + "/trigger.yaml", clean = dir + "/clean.yaml";
      REQUIRE_MESSAGE(std::filesystem::exists(trigger), trigger);
      REQUIRE_MESSAGE(std::filesystem::exists(clean), clean);
      auto want = expected_lines(trigger, r->id);
      REQUIRE_MESSAGE(!want.empty(), "trigger.yaml has no `# expect: " << r->id << "` annotation");
      CHECK(finding_lines(trigger, r->id) == want);
      CHECK(finding_lines(clean, r->id).empty());
      ++checked;
    }
    size_t offline = 0;
    for (const Rule* r : all_rules()) offline += r->phase == Phase::Offline || r->phase == Phase::Meta;
    CHECK(static_cast<size_t>(checked) == offline);
  }

  TEST_CASE("probe rules (no offline check) have replayable fixtures both ways") {
    for (const Rule* r : all_rules()) {
      if (r->phase != Phase::Probe) continue;
      CAPTURE(r->id);
      std::string dir = test::source_path("fixtures/recordings/" + std::string(r->id));
      CHECK(std::filesystem::is_directory(dir + "/trigger"));
      CHECK(std::filesystem::is_directory(dir + "/clean"));
    }
  }

  TEST_CASE("realistic clean configs have no error or warning; broken ones find what their header lists") {
    ensure_test_secrets();
    static const std::regex listed(R"(^#\s+(OD\d{4})\s)");
    for (auto& entry : std::filesystem::directory_iterator(test::source_path("fixtures/configs"))) {
      std::string path = entry.path().string(), name = entry.path().filename().string();
      bool clean = name.find("-clean.") != std::string::npos, broken = name.find("-broken.") != std::string::npos;
      if (!clean && !broken) continue;
      CAPTURE(name);
      auto cfg = load_config(path);
      REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
      auto findings = run_rules(*cfg, *Date::parse("2026-11-22"));
      std::set<std::string> found;
      for (auto& f : findings)
        if (f.severity != Severity::Info || broken) found.insert(std::string(f.rule->id));
      if (clean) {
        CHECK(found.empty());
        continue;
      }
      std::set<std::string> want;
      std::istringstream in(test::read_file(path));
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, listed)) want.insert(m[1]);
      }
      CHECK(!want.empty());
      CHECK(found == want);
    }
  }
}
