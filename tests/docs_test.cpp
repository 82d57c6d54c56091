// The user-facing contract is documented in README and man/oidc-doctor.1; these tests keep the
// documents in step with the code's own tables and CLI definition.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "cli/commands.h"
#include "support.h"

using od::test::read_file;
using od::test::run_cli;
using od::test::source_path;

namespace {
std::string block(const std::string& text, const std::string& marker) {
  auto begin = text.find("<!-- BEGIN " + marker + " -->\n");
  auto end = text.find("<!-- END " + marker + " -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  begin += marker.size() + 16;
  return text.substr(begin, end - begin);
}

// roff escapes hyphens; compare against the plain text.
std::string unroff(std::string s) {
  for (size_t at; (at = s.find("\\-")) != std::string::npos;) s.erase(at, 1);
  return s;
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("README's generated tables are current (run scripts/update-docs.sh)") {
    std::string readme = read_file(source_path("README.md"));
    CHECK(block(readme, "config-reference") == run_cli("schema --format markdown").out);
    CHECK(block(readme, "rules") == run_cli("rules --format markdown").out);
    CHECK(block(readme, "categories") == run_cli("rules categories --format markdown").out);
  }

  TEST_CASE("rule pages cite public sources, never the project's internal seed labels") {
    static const std::regex internal(R"((^|[^A-Za-z])[Ss]eed(s|'s)?([^A-Za-z]|$))");
    int pages = 0;
    for (auto& e : std::filesystem::directory_iterator(source_path("rules"))) {
      if (e.path().extension() != ".md") continue;
      ++pages;
      std::string text = read_file(e.path().string());
      CAPTURE(e.path().string());
      CHECK_FALSE(std::regex_search(text, internal));
    }
    CHECK(pages >= 100);
  }

  TEST_CASE("README and the man page name every command and every long option") {
    std::string readme = read_file(source_path("README.md"));
    std::string man = unroff(read_file(source_path("man/oidc-doctor.1")));
    CLI::App app;
    for (auto& cmd : od::cli::commands()) {
      CAPTURE(cmd.name);
      CHECK(readme.find("oidc-doctor " + std::string(cmd.name)) != std::string::npos);
      CHECK(man.find(".B oidc-doctor " + std::string(cmd.name)) != std::string::npos);
      od::cli::Action action;
      auto* sub = app.add_subcommand(std::string(cmd.name));
      cmd.setup(*sub, action);
      std::vector<CLI::App*> apps{sub};
      for (auto* nested : sub->get_subcommands({})) apps.push_back(nested);
      for (auto* a : apps)
        for (const CLI::Option* opt : a->get_options()) {
          for (auto& name : opt->get_lnames()) {
            if (name == "help") continue;
            CAPTURE(name);
            CHECK(man.find("--" + name) != std::string::npos);
          }
        }
    }
    for (auto code : {".B 0", ".B 1", ".B 2", ".B 3"}) CHECK(man.find(code) != std::string::npos);
    for (auto var : {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"}) {
      CHECK(man.find(var) != std::string::npos);
      CHECK(readme.find(var) != std::string::npos);
    }
  }
}
