// Issue 14, security: which addresses preflight refuses (core/uri.h host_class), every spelling of
// a secret scrubbed (core/redact.h), and inspect-token never printing a credential-named claim.
// The live side (redirects followed hop by hop, echoing token endpoints, recorded configs) is
// the `hostile` CTest entry, tests/hostile/run.py.
#include <doctest/doctest.h>

#include <string>

#include "core/encoding.h"
#include "core/redact.h"
#include "core/uri.h"
#include "support.h"

using namespace od;

TEST_SUITE("hardening") {
  TEST_CASE("host_class: link-local, unspecified, private and loopback, in every spelling") {
    CHECK(host_class("169.254.169.254") == HostClass::LinkLocal);
    CHECK(host_class("2852039166") == HostClass::LinkLocal);           // the same address as one number
    CHECK(host_class("0xa9.0xfe.0xa9.0xfe") == HostClass::LinkLocal);  // and in hex
    CHECK(host_class("[fe80::1]") == HostClass::LinkLocal);
    CHECK(host_class("fe80::1%eth0") == HostClass::LinkLocal);
    CHECK(host_class("[::ffff:169.254.169.254]") == HostClass::LinkLocal);
    CHECK(host_class("0.0.0.0") == HostClass::Unspecified);
    CHECK(host_class("[::]") == HostClass::Unspecified);
    CHECK(host_class("10.1.2.3") == HostClass::Private);
    CHECK(host_class("172.31.255.1") == HostClass::Private);
    CHECK(host_class("172.32.0.1") == HostClass::Public);
    CHECK(host_class("192.168.0.10") == HostClass::Private);
    CHECK(host_class("100.64.0.1") == HostClass::Private);
    CHECK(host_class("[fd00::1]") == HostClass::Private);
    CHECK(host_class("127.0.0.1") == HostClass::Loopback);
    CHECK(host_class("[::1]") == HostClass::Loopback);
    CHECK(host_class("localhost") == HostClass::Loopback);
    CHECK(host_class("8.8.8.8") == HostClass::Public);
    CHECK(host_class("[2001:db8::1]") == HostClass::Public);
    CHECK(host_class("idp.example.com") == HostClass::Name);
    CHECK(host_class("cafe") == HostClass::Name);
  }

  TEST_CASE("scrub_secrets: raw, form, percent, JSON, YAML, HTML and base64 spellings, and Basic credentials") {
    const std::string secret = "S3cr/t+Val ue&x=%~\"\xc3\xa9<'zq";
    std::vector<std::string> held = basic_credentials("web client", secret);
    held.insert(held.begin(), secret);
    const std::vector<std::string> spelt = {
        secret,
        form_encode(secret),
        "S3cr%2Ft%2BVal+ue%26x%3D%25~%22%C3%A9%3C%27zq",     // + for space
        "S3cr%2ft%2bVal%20ue%26x%3d%25~%22%c3%a9%3c%27zq",   // lower-case hex
        "S3cr%2Ft%2BVal%20ue%26x%3D%25~%22%C3%A9%3C'zq",     // encodeURIComponent keeps '
        "S3cr/t+Val ue&x=%~\\\"\xc3\xa9<'zq",                // JSON
        "S3cr\\/t+Val ue&x=%~\\\"\xc3\xa9<'zq",              // JSON with \/
        "S3cr/t+Val ue&x=%~\\\"\\u00e9<'zq",                 // JSON, ASCII only
        "S3cr/t+Val ue&x=%~\"\xc3\xa9<''zq",                 // YAML single-quoted
        "S3cr/t+Val ue&amp;x=%~&quot;\xc3\xa9&lt;&#x27;zq",  // HTML
        base64_encode(secret),
        base64url_encode(secret),
        base64_encode("web client:" + secret),                                 // Basic, raw
        base64_encode(form_encode("web client") + ":" + form_encode(secret)),  // Basic, RFC 6749 2.3.1
        base64url_encode(form_encode("web client") + ":" + form_encode(secret)),
    };
    for (auto& s : spelt) {
      CAPTURE(s);
      std::string text = "before " + s + " after";
      CHECK(scrub_secrets(text, held) == "before [redacted] after");
    }
    CHECK(scrub_secrets("abc", {"abc"}) == "abc");  // too short to replace safely
  }

  TEST_CASE("inspect-token: credential-named claims are never printed, at any depth, in text or JSON") {
    const std::string payload =
        R"({"iss":"https://idp.example","exp":1900000000,"client_secret":"Hunter2-Claim-Secret",)"
        R"("nested":{"db_password":"Hunter3-Nested","Api-Key":["Hunter4-List"]},"name":"Jane"})";
    const std::string token = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + base64url_encode(payload) + ".";
    for (std::string format : {"text", "json"}) {
      auto r = test::run_cli("inspect-token --format " + format + " " + token, "", "NO_COLOR=1");
      CAPTURE(format);
      CHECK(r.exit_code < 3);
      for (std::string s : {"Hunter2", "Hunter3", "Hunter4"}) CHECK(r.out.find(s) == std::string::npos);
      CHECK(r.out.find("client_secret") != std::string::npos);  // the claim is listed, its value is not
      CHECK(r.out.find("[redacted]") != std::string::npos);
      CHECK(r.out.find("Jane") != std::string::npos);  // other claims are shown
    }
  }
}
