// Hostile input (issue 14): each reproducer runs here, through the shared helper that fixes it
// (core/json.h parse_json, core/files.h, the loader's quote walk, token::numeric_date, the
// preflight duration check, core/text.h printable, dump_json) and through the real binary.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "core/encoding.h"
#include "core/files.h"
#include "core/json.h"
#include "core/text.h"
#include "imports/load.h"
#include "support.h"
#include "token/times.h"

using namespace od;

namespace {

std::string unsigned_token(const std::string& payload) {
  return base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + base64url_encode(payload) + ".";
}

// Each CLI run is bounded: a regression to a hang ends as exit 124 instead of stalling the suite.
test::RunResult bounded(const std::string& args, const std::string& stdin_text = "") {
  return test::run_cli(args, stdin_text, "NO_COLOR=1 timeout 20");
}

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_SUITE("hardening") {
  TEST_CASE("parse_json: out-of-range numbers and deep nesting are errors naming the input, never throws") {
    auto big = parse_json("1E400", "keys.json");
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().where == "keys.json");
    CHECK(big.error().message.find("1E400") != std::string::npos);

    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto d = parse_json(deep, "x.har");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().where == "x.har:1:65");
    CHECK(d.error().message.find("nested more than 64") != std::string::npos);
    CHECK(try_parse_json(deep).is_discarded());

    // Brackets inside strings (escaped quotes included) do not count as nesting.
    auto s =
        parse_json(R"({"a": "\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", "s.json");
    REQUIRE(s.ok());
    CHECK(s->at("a").get<std::string>().size() == 72);
    CHECK(parse_json(std::string(64, '[') + std::string(64, ']'), "ok.json").ok());

    auto bad = parse_json("{\n  \"a\": tru\n}", "b.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where.starts_with("b.json:2:"));
  }

  TEST_CASE("1E400 and deep nesting through the CLI: exit 2 with one line naming the file") {
    test::Scratch dir("harden-json");
    auto keys = dir.write("keys.json", "1E400");
    auto token = unsigned_token(R"({"iss":"https://idp.example","exp":1900000000})");
    auto r = bounded("inspect-token " + token + " --jwks " + keys);
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find("keys.json") != std::string::npos);

    auto har = dir.write("x.har", R"({"log":{"entries":[1E400]}})");
    r = bounded("diagnose --file " + har);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("x.har") != std::string::npos);
    CHECK(lines(r.err) == 1);

    auto base = dir.write("base.json", "[1E400]");
    r = bounded("lint fixtures/configs/generic-auth0-clean.yaml --baseline " + base);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("base.json") != std::string::npos);

    auto deep_har = dir.write("deep.har", "{\"log\":" + std::string(200000, '[') + std::string(200000, ']') + "}");
    r = bounded("diagnose --file " + deep_har);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nested more than") != std::string::npos);

    // A pasted JSON error nested a hundred thousand deep is read as text, not recursed into.
    r = bounded("diagnose --color never", "{\"error\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
    CHECK(r.exit_code < 3);

    // A token whose claims nest deeply is refused as not JSON.
    r = bounded("inspect-token " + unsigned_token("{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not JSON") != std::string::npos);
  }

  TEST_CASE("a FIFO where a file is expected is refused at once; standard input stops at its cap") {
    test::Scratch dir("harden-fifo");
    auto fifo = (dir.dir / "pipe").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto e = not_a_regular_file(fifo);
    REQUIRE(e);
    CHECK(e->message.find("FIFO") != std::string::npos);
    CHECK(not_a_regular_file("/dev/zero"));
    CHECK(not_a_regular_file(dir.dir.string())->message == "is a directory, not a file");
    CHECK_FALSE(read_text_file(fifo, 1024).ok());

    for (std::string args : {"lint " + fifo, "diagnose --file " + fifo, "inspect-token --file " + fifo}) {
      auto t0 = std::chrono::steady_clock::now();
      auto r = bounded(args);
      CHECK_MESSAGE(r.exit_code == 2, args);
      CHECK(r.err.find("named pipe") != std::string::npos);
      CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    }

    // ${file:} secret naming a FIFO.
    auto cfg = test::read_file(test::source_path("fixtures/configs/generic-auth0-clean.yaml"));
    auto at = cfg.find("${env:OD_TEST_SECRET}");
    REQUIRE(at != std::string::npos);
    cfg.replace(at, 21, "${file:pipe}");
    auto loaded = load_config_text(cfg, "t.yaml", dir.dir.string());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().str().find("pipe") != std::string::npos);

    // An endless standard input: read_capped stops one byte past the cap.
    std::string cmd = std::string("yes | timeout 20 ") + OD_BINARY + " inspect-token - >/dev/null 2>&1";
    int status = std::system(cmd.c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
  }

  TEST_CASE("billion laughs: the quote check visits each node once and ends quickly") {
    std::string y =
        "version: 1\nplatform: generic\nlol0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", "
        "\"lol\", \"lol\"]\n";
    for (int i = 1; i <= 9; ++i) {
      y += "lol" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 9; ++k) y += (k ? ", *a" : "*a") + std::to_string(i - 1);
      y += "]\n";
    }
    auto t0 = std::chrono::steady_clock::now();
    auto r = load_config_text(y, "laughs.yaml", ".", {.resolve_secrets = false});
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    CHECK_FALSE(r.ok());  // no provider and no environments; what matters is that it ends

    // An unclosed quote is still found after the aliases.
    auto q = load_config_text("version: 1\nx: &a [\"a\"]\ny: [*a, *a]\nz: \"never closed\n", "q.yaml", ".");
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("never closed") != std::string::npos);
  }

  TEST_CASE("NumericDates outside years 1-9999 are invalid, never converted") {
    CHECK_FALSE(token::numeric_date(1e300));
    CHECK_FALSE(token::numeric_date(9223372036854775807.0));
    CHECK_FALSE(token::numeric_date(std::nan("")));
    CHECK_FALSE(token::numeric_date(-1e20));
    CHECK(token::numeric_date(1900000000.7) == 1900000000LL);
    CHECK(token::utc(9223372036854775807LL) == "out of range");
    CHECK(token::utc(0) == "1970-01-01 00:00:00 UTC");

    for (std::string exp : {"1e300", "9223372036854775807"}) {
      auto r = bounded("inspect-token " + unsigned_token(R"({"iss":"https://idp.example","exp":)" + exp + "}"));
      CHECK(r.exit_code < 3);
      CHECK(r.out.find("not a valid NumericDate") != std::string::npos);
      CHECK(r.out.find("-19798") == std::string::npos);
    }
  }

  TEST_CASE("--timeout and --deadline: finite, at least a millisecond, one line, exit 2") {
    for (std::string opt :
         {"--deadline inf", "--deadline 1e300", "--timeout 0.0004", "--timeout nan", "--timeout -1"}) {
      auto r = bounded("preflight fixtures/configs/generic-auth0-clean.yaml " + opt);
      CHECK_MESSAGE(r.exit_code == 2, opt);
      CHECK_MESSAGE(r.err.find(opt.substr(0, opt.find(' '))) != std::string::npos, r.err);
      CHECK(lines(r.err) == 1);
    }
  }

  TEST_CASE("control characters from outside never reach the terminal raw; JSON output survives invalid UTF-8") {
    CHECK(printable("a\x1b[2Jb\x07\rc\td") == "a\\x1b[2Jb\\x07\\x0dc\td");
    CHECK(printable("\xc2\x9b"
                    "31m") == "\\u009b31m");
    CHECK(printable("caf\xc3\xa9 \xe2\x82\xac") == "caf\xc3\xa9 \xe2\x82\xac");

    auto token =
        unsigned_token(R"({"iss":"https://idp.example","exp":1900000000,"name":"\u001b[2J\u0007all checks passed\r"})");
    auto r = bounded("inspect-token " + token);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.out.find("\\x1b[2J") != std::string::npos);

    r = bounded(
        "diagnose --color never",
        "AADSTS50011: The redirect URI '\x1b[2Jhttps://x.example/cb' specified in the request does not match\n");
    CHECK(r.out.find('\x1b') == std::string::npos);

    test::Scratch dir("harden-text");
    auto cfg = test::read_file(test::source_path("fixtures/configs/generic-auth0-clean.yaml"));
    auto at = cfg.find("name: Auth0 (proseware)");
    REQUIRE(at != std::string::npos);
    cfg.replace(at, 23, "name: \"Auth0 \\e[2J\\a\"");
    auto esc = dir.write("esc.yaml", cfg);
    r = bounded("lint --color never " + esc);
    CHECK(r.exit_code < 3);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("\\x1b[2J") != std::string::npos);

    auto latin1 = cfg;
    latin1.replace(at, std::string("name: \"Auth0 \\e[2J\\a\"").size(), "name: Auth0 caf\xe9");
    auto bad = dir.write("latin1.yaml", latin1);
    for (std::string format : {"json", "sarif", "gitlab"}) {
      r = bounded("lint --format " + format + " " + bad);
      CHECK_MESSAGE(r.exit_code < 3, (format + ": " + r.err));
      CHECK(nlohmann::json::accept(r.out));
    }
    CHECK(dump_json(nlohmann::json("caf\xe9")) == "\"caf\xef\xbf\xbd\"");
  }
}
