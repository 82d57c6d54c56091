// The rule ID joins rules and the error catalogue both ways: every error lint predicts for a
// finding, pasted into `diagnose --config <the same config>`, must come back to that finding's
// rule (linked as same condition or cause) or at least to its category.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <utility>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "catalogue/predict.h"
#include "diagnose/correlate.h"
#include "diagnose/input.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "rules/policy.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "support.h"

using namespace od;

namespace {

std::vector<std::string> configs() {
  std::vector<std::string> out;
  for (auto dir : {"fixtures/configs", "examples"})
    for (auto& e : std::filesystem::directory_iterator(test::source_path(dir))) {
      auto ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) out.push_back(e.path().string());
    }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs od-catalogue-gen on `yaml` (as scratch/<name>) with the build's rule IDs.
test::RunResult run_gen(const test::Scratch& dir, const std::string& name, const std::string& yaml) {
  auto file = dir.write(name, yaml);
  auto out = (dir.dir / "out.cpp").string(), err = (dir.dir / "err.txt").string();
  std::string cmd = std::string("'") + OD_CATALOGUE_GEN + "' --rule-ids '" + OD_RULE_IDS + "' '" + out + "' '" + file +
                    "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, "", test::read_file(err)};
}

std::string catalogue_with_rules(const std::string& rules, const std::string& caused_by) {
  return "provider: links\n"
         "display: Links test\n"
         "entries:\n"
         "  - code: links:one\n"
         "    category: redirect-uri-mismatch\n"
         "    title: A test entry\n"
         "    match:\n"
         "      - 'links test one'\n"
         "    meaning: A test entry.\n"
         "    rules: [" +
         rules +
         "]\n"
         "    caused_by: [" +
         caused_by + "]\n";
}

}  // namespace

TEST_SUITE("roundtrip") {
  TEST_CASE("the rule IDs the build passes to od-catalogue-gen are the registered rules") {
    std::set<std::string> from_files, registered;
    std::string ids = OD_RULE_IDS, id;
    for (char c : ids + ",")
      if (c == ',')
        from_files.insert(std::exchange(id, ""));
      else
        id += c;
    for (const Rule* r : all_rules()) registered.insert(std::string(r->id));
    CHECK(from_files == registered);
  }

  TEST_CASE("od-catalogue-gen refuses a link to a rule that is not registered, naming file and line") {
    test::Scratch dir("catalogue-gen");
    auto ok = run_gen(dir, "links.yaml", catalogue_with_rules("OD2001, OD3301", "OD2402"));
    CHECK(ok.exit_code == 0);
    CHECK(ok.err.empty());

    auto bad = run_gen(dir, "links.yaml", catalogue_with_rules("OD2001", "OD2402, OD9999"));
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("links.yaml:11:") != std::string::npos);
    CHECK(bad.err.find("`caused_by` names rule `OD9999`, which is not registered") != std::string::npos);

    auto same = run_gen(dir, "links.yaml", catalogue_with_rules("OD4711", ""));
    CHECK(same.exit_code == 1);
    CHECK(same.err.find("links.yaml:10:") != std::string::npos);
    CHECK(same.err.find("`rules` names rule `OD4711`") != std::string::npos);

    auto twice = run_gen(dir, "links.yaml", catalogue_with_rules("OD2001", "OD2001"));
    CHECK(twice.exit_code == 1);
    CHECK(twice.err.find("linked twice") != std::string::npos);
  }

  TEST_CASE("every link in the compiled catalogue names a registered rule, and the index holds each link once") {
    size_t links = 0;
    for (auto& e : catalogue::entries()) {
      for (bool same : {true, false})
        for (auto id : same ? e.rules : e.caused_by) {
          CAPTURE(e.code);
          CAPTURE(id);
          CHECK(find_rule(id) != nullptr);
          auto index = catalogue::linked(id);
          CHECK(std::count_if(index.begin(), index.end(),
                              [&](const catalogue::RuleLink& l) { return l.entry == &e && l.same == same; }) == 1);
          ++links;
        }
    }
    CHECK(links > 200);
    // Same-condition links come before causes.
    auto index = catalogue::linked("OD2402");
    REQUIRE(!index.empty());
    CHECK(std::is_partitioned(index.begin(), index.end(), [](const catalogue::RuleLink& l) { return l.same; }));
  }

  TEST_CASE("diagnose lists same-condition rules, then causes; JSON caused_by holds the causes alone") {
    auto r = test::run_cli("diagnose --format json \"AADSTS7000215: Invalid client secret provided.\"");
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["diagnoses"].size() == 1);
    auto& d = doc["diagnoses"][0];
    const auto* entry = catalogue::find("AADSTS7000215");
    REQUIRE(entry);
    std::vector<std::string> same(entry->rules.begin(), entry->rules.end());
    std::vector<std::string> causes(entry->caused_by.begin(), entry->caused_by.end());
    REQUIRE(!same.empty());
    REQUIRE(!causes.empty());
    std::vector<std::string> both = same;
    both.insert(both.end(), causes.begin(), causes.end());
    CHECK(d["rules"].get<std::vector<std::string>>() == both);
    CHECK(d["caused_by"].get<std::vector<std::string>>() == causes);
    // The probe rule that meets this very error is linked, and the secret-ID slip is a cause.
    CHECK(std::find(same.begin(), same.end(), "OD3401") != same.end());
    CHECK(std::find(causes.begin(), causes.end(), "OD2402") != causes.end());
  }

  TEST_CASE("an unknown client id points at the probe that meets it") {
    const auto* entry = catalogue::find("AADSTS700016");
    REQUIRE(entry);
    CHECK(std::find(entry->rules.begin(), entry->rules.end(), "OD3302") != entry->rules.end());
  }

  TEST_CASE("on OutSystems a secret error of any IdP shows the findings linked to Service Center's 401") {
    auto cfg =
        load_config(test::source_path("fixtures/configs/outsystems-entra-broken.yaml"), {.resolve_secrets = false});
    REQUIRE(cfg);
    // AADSTS7000215 itself does not link the expired secret (Entra words that AADSTS7000222), but
    // Service Center's 401 entry, of the same category, does.
    const auto* entry = catalogue::find("AADSTS7000215");
    REQUIRE(entry);
    CHECK(std::find(entry->caused_by.begin(), entry->caused_by.end(), "OD2403") == entry->caused_by.end());
    auto r = diagnose::diagnose_text("AADSTS7000215: Invalid client secret provided.", {.platform = "outsystems"});
    REQUIRE(r);
    diagnose::correlate(r->diagnoses, *cfg, run_rules(*cfg, *Date::parse("2027-10-01")));
    REQUIRE(!r->diagnoses.empty());
    CHECK(r->diagnoses.front().code == "AADSTS7000215");
    bool expired = false;
    for (auto& i : r->diagnoses.front().config) expired = expired || i.rule == "OD2403";
    CHECK(expired);
    auto g = diagnose::diagnose_text("{\"error\":\"invalid_grant\"}", {.platform = "outsystems"});
    REQUIRE(g);
    diagnose::correlate(g->diagnoses, *cfg, run_rules(*cfg, *Date::parse("2027-10-01")));
    REQUIRE(!g->diagnoses.empty());
    for (auto& i : g->diagnoses.front().config) CHECK(i.rule != "OD2403");  // not a secret error
  }

  TEST_CASE("predictions follow the links: OD2003 on Okta quotes the logout entry, not the sign-in one") {
    auto got = catalogue::predict("outsystems", "okta", "OD2003", "logout-uri-mismatch", {{"url", "https://x/logout"}});
    REQUIRE(got.size() == 1);
    CHECK(got[0].find("post_logout_redirect_uri") != std::string::npos);
    CHECK(got[0].find("Login redirect URI") == std::string::npos);
    // A rule no file links falls back to the category's `predicts:` entry.
    auto fallback = catalogue::predict("generic", "entra", "OD2005", "redirect-uri-invalid", {});
    REQUIRE(!fallback.empty());
    CHECK(fallback.back().starts_with("AADSTS90102"));
  }

  TEST_CASE("every error lint predicts diagnoses back to the finding's rule or category") {
    setenv("OD_TEST_SECRET", "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga", 0);
    setenv("OD_TEST_SECRET_ID", "2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b", 0);
    auto today = *Date::parse("2026-11-22");
    std::set<std::pair<std::string, std::string>> checked;  // (rule, predicted error)
    std::set<std::string> texts;
    int loaded = 0, back_by_rule = 0, back_by_category = 0;
    for (auto& path : configs()) {
      auto cfg = load_config(path);
      if (!cfg) continue;  // the malformed fixtures
      ++loaded;
      // Lint as the CLI does (rules, then the config's own lint settings).
      auto findings = run_rules(*cfg, today);
      apply_policy(*cfg, {cfg->lint ? &*cfg->lint : nullptr, false, nullptr, today}, findings);
      // Diagnose as `diagnose --config` does: the structure only, no secrets resolved.
      auto plain = load_config(path, {.resolve_secrets = false});
      REQUIRE(plain);
      auto again = run_rules(*plain, today);
      for (auto& f : findings) {
        if (f.suppression) continue;
        for (auto& text : f.predicted_errors) {
          if (!checked.insert({std::string(f.rule->id), text}).second) continue;
          texts.insert(text);
          CAPTURE(path);
          CAPTURE(f.rule->id);
          CAPTURE(text);
          auto r = diagnose::diagnose_text(text, {.platform = plain->platform});
          REQUIRE(r);
          CHECK_MESSAGE(!r->diagnoses.empty(), "the predicted error is not recognised");
          if (r->diagnoses.empty()) continue;
          diagnose::correlate(r->diagnoses, *plain, again);
          const auto& d = r->diagnoses.front();
          auto rules = d.rules();
          bool by_rule = std::find(rules.begin(), rules.end(), f.rule->id) != rules.end();
          bool by_category = d.category == f.rule->category;
          CHECK_MESSAGE((by_rule || by_category), "diagnosed as " << d.code << " (" << d.category << ", rules "
                                                                  << rules.size() << "), not linked to " << f.rule->id
                                                                  << " (" << f.rule->category << ")");
          if (by_rule)
            ++back_by_rule;
          else if (by_category)
            ++back_by_category;
        }
      }
    }
    CHECK(loaded >= 20);
    CHECK(checked.size() >= 40);  // the fixtures do predict errors
    std::cout << "roundtrip: " << (back_by_rule + back_by_category) << "/" << checked.size()
              << " predicted (rule, error) pairs come back (" << back_by_rule << " by rule link, " << back_by_category
              << " by category only); " << texts.size() << " distinct error texts from " << loaded << " configs\n";
  }
}
