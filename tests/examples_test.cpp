// The CI examples under examples/ci run exactly the command lines they show, against a real config.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.h"

namespace fs = std::filesystem;
using od::test::read_file;
using od::test::run_cli;
using od::test::source_path;

namespace {
// Every command under a key that CI systems execute (run:, script:, entry:) invoking oidc-doctor.
void collect(const YAML::Node& n, std::vector<std::string>& out, bool executed = false) {
  if (n.IsScalar()) {
    if (executed && n.Scalar().starts_with("oidc-doctor ")) out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (auto item : n) collect(item, out, executed);
  } else if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = it->first.Scalar();
      collect(it->second, out, key == "run" || key == "script" || key == "entry");
    }
  }
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("every CI example's oidc-doctor command runs as written") {
    int commands = 0;
    for (auto name : {"github-actions.yml", "gitlab-ci.yml", "pre-commit-hooks.yaml"}) {
      CAPTURE(name);
      std::vector<std::string> lines;
      collect(YAML::LoadFile(source_path(std::string("examples/ci/") + name)), lines);
      REQUIRE(lines.size() == 1);
      auto dir = fs::temp_directory_path() / ("od-examples-" + std::to_string(::getpid())) / name;
      fs::remove_all(dir);
      fs::create_directories(dir);
      fs::copy_file(source_path("fixtures/configs/outsystems-okta-broken.yaml"), dir / "oidc-doctor.yaml");
      auto r = run_cli(lines[0].substr(std::string("oidc-doctor ").size()), "", "-C " + dir.string());
      CHECK_MESSAGE(r.exit_code == 1, r.err);  // the broken config fails the job, as it should
      CHECK(r.err.empty());
      ++commands;
      if (std::string(name) == "github-actions.yml") {
        CHECK(r.out.starts_with("::"));
        CHECK(nlohmann::json::parse(read_file((dir / "oidc-doctor.sarif").string()))["version"] == "2.1.0");
      }
      if (std::string(name) == "gitlab-ci.yml") {
        CHECK(nlohmann::json::parse(read_file((dir / "gl-code-quality-report.json").string())).is_array());
        CHECK(read_file((dir / "oidc-doctor-junit.xml").string()).starts_with("<?xml"));
      }
    }
    CHECK(commands == 3);
  }
}
