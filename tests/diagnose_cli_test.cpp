// `oidc-doctor diagnose` through the real binary: exit codes, formats, redaction, bad input.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support.h"

using namespace od;

namespace {

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("od-diagnose-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// Secrets planted in fixtures/diagnose/token-exchange.txt.
constexpr const char* kSecrets[] = {
    "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga",   // client_secret (form and JSON)
    "0.AXkAq1SplxlOBeZQQYbYS6WxSbIA7mQ2",  // authorization code
    "eyJhdWQiOiI0ZjhhMmM2ZSIsImlzcyI6Imh0dHBzOi8vbG9naW4ubWljcm9zb2Z0b25saW5lLmNvbSJ9",  // JWT payload
    "c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3Qtc2hvdw",                                            // JWT signature
    "SecretCookieValue",                                                                 // cookie
};

}  // namespace

TEST_SUITE("diagnose") {
  TEST_CASE("a recognised message exits 0 and prints cause first, then numbered fix steps") {
    auto r = test::run_cli(
        "diagnose --color never \"AADSTS700016: Application with identifier "
        "'4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e' was not found in the directory 'contoso'.\"");
    CHECK(r.exit_code == 0);
    INFO(r.out << r.err);
    CHECK(r.out.starts_with("1. AADSTS700016"));
    auto cause = r.out.find("Most likely cause:"), fix = r.out.find("Fix:"), step = r.out.find("     1. ");
    CHECK(cause != std::string::npos);
    CHECK(fix > cause);
    CHECK(step > fix);
  }

  TEST_CASE("JSON output follows schema 1") {
    auto r =
        test::run_cli("diagnose --format json -", "error=invalid_scope&error_description=The+scope+'foo'+is+unknown");
    CHECK(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    CHECK(j["schema"] == 1);
    CHECK(j["recognized"] == true);
    REQUIRE(j["diagnoses"].size() >= 1);
    auto& d = j["diagnoses"][0];
    for (auto key :
         {"code", "provider", "category", "title", "cause", "fix", "rules", "extracted", "evidence", "count", "config"})
      CHECK_MESSAGE(d.contains(key), key);
    CHECK(d["code"] == "invalid_scope");
    CHECK(d["fix"].is_array());
    CHECK(d["count"] == 1);
  }

  TEST_CASE("nothing recognised: exit 1 with triage guidance") {
    auto r = test::run_cli("diagnose --color never \"the weather is nice today\"");
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("No known sign-in error") != std::string::npos);
    CHECK(r.out.find("  1. ") != std::string::npos);
    auto j = test::run_cli("diagnose --format json \"the weather is nice today\"");
    CHECK(j.exit_code == 1);
    CHECK(j.out.find("\"recognized\": false") != std::string::npos);
    CHECK(j.out.find("\"guidance\"") != std::string::npos);
  }

  TEST_CASE("a pasted token exchange never shows its JWT, code, client secret or cookie") {
    for (std::string format : {"text", "json"}) {
      auto r =
          test::run_cli("diagnose --color never --format " + format + " --file fixtures/diagnose/token-exchange.txt");
      INFO(format << ":\n" << r.out << r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.out.find("AADSTS70008") != std::string::npos);
      for (auto s : kSecrets) CHECK_MESSAGE(r.out.find(s) == std::string::npos, "leaked " << s);
      auto piped = test::run_cli("diagnose --format " + format,
                                 test::read_file(test::source_path("fixtures/diagnose/token-exchange.txt")));
      for (auto s : kSecrets) CHECK_MESSAGE(piped.out.find(s) == std::string::npos, "leaked from stdin " << s);
    }
  }

  TEST_CASE("bad input exits 2 and says why") {
    std::string bin = temp_path("blob.bin");
    {
      std::ofstream out(bin, std::ios::binary);
      for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(i * 7 % 256));
    }
    auto r = test::run_cli("diagnose --file " + bin);
    std::filesystem::remove_all(std::filesystem::path(bin).parent_path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("binary") != std::string::npos);

    r = test::run_cli("diagnose --file fixtures/diagnose/broken.har");
    CHECK(r.exit_code == 2);
    INFO(r.err);
    CHECK(r.err.find("fixtures/diagnose/broken.har:") != std::string::npos);
    CHECK(r.err.find("malformed HAR") != std::string::npos);

    r = test::run_cli("diagnose", "");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("empty input") != std::string::npos);

    r = test::run_cli("diagnose --file fixtures/diagnose/does-not-exist.log");
    CHECK(r.exit_code == 2);
    r = test::run_cli("diagnose --file fixtures/diagnose");
    CHECK(r.exit_code == 2);
    r = test::run_cli("diagnose --file fixtures/diagnose/signin.log \"also text\"");
    CHECK(r.exit_code == 2);
  }

  TEST_CASE("a 50 MB single line is examined in bounded pieces without failing") {
    std::string path = temp_path("one-line.log");
    {
      std::ofstream out(path, std::ios::binary);
      std::string filler(1 << 20, 'a');
      for (int i = 0; i < 25; ++i) out << filler;
      out << " AADSTS50011: The redirect URI 'https://x.acme.com/cb' specified in the request does not match ";
      for (int i = 0; i < 25; ++i) out << filler;
    }
    auto r = test::run_cli("diagnose --format json --file " + path);
    std::filesystem::remove_all(std::filesystem::path(path).parent_path());
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\"code\": \"AADSTS50011\"") != std::string::npos);
    CHECK(r.out.size() < 20000);
  }

  TEST_CASE("a HAR file and a log through the binary") {
    auto har = test::run_cli("diagnose --format json --file fixtures/diagnose/sign-in.har");
    CHECK(har.exit_code == 0);
    CHECK(har.out.find("\"entry\": 3") != std::string::npos);
    // The token request's form held a client secret; it must not surface from the HAR either.
    CHECK(har.out.find("Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga") == std::string::npos);
    auto log = test::run_cli("diagnose --color never --file fixtures/diagnose/signin.log");
    CHECK(log.exit_code == 0);
    CHECK(log.out.find("line 2-14, 4 times") != std::string::npos);
  }
}

TEST_SUITE("diagnose") {
  TEST_CASE("each diagnosis carries the code as it was emitted, beside the catalogue id") {
    // Real pastes from the accuracy corpus (their sources are in the files): a legacy Entra code
    // the catalogue knows by its newer number, an SDK exception name, an Okta API code and a
    // legacy IdentityModel name.
    for (const char* name : {"entra/007-adal-70001-wrong-tenant.txt", "entra/020-spa-legacy-90023.txt",
                             "cognito/001-php-sdk-secret-hash.txt", "okta/005-api-token-e0000011.txt"}) {
      CAPTURE(name);
      std::string text = test::read_file(test::source_path(std::string("bench/corpus/") + name)), body, want;
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        if (line.starts_with("#! error: "))
          want = line.substr(10);
        else if (!line.starts_with("#!"))
          body += line + "\n";
      }
      REQUIRE(!want.empty());
      auto r = test::run_cli("diagnose --format json -", body);
      auto j = nlohmann::json::parse(r.out, nullptr, false);
      REQUIRE_MESSAGE(j.is_object(), r.err);
      REQUIRE(!j["diagnoses"].empty());
      CHECK(j["diagnoses"][0]["error"] == want);
    }
  }
}
