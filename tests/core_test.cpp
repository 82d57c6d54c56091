#include <doctest/doctest.h>

#include "core/date.h"
#include "core/text.h"
#include "core/uri.h"
#include "core/version.h"

using namespace od;

TEST_SUITE("core") {
  TEST_CASE("versions compare numerically, missing parts as zero") {
    CHECK(*Version::parse("11.9.0") < *Version::parse("11.18.1"));
    CHECK_FALSE(*Version::parse("11.18.1") < *Version::parse("11.18.1.0"));
    CHECK(*Version::parse("11.53.12") < *Version::parse("11.53.13"));
    CHECK_FALSE(Version::parse("11.x").has_value());
    CHECK_FALSE(Version::parse("").has_value());
  }

  TEST_CASE("dates parse strictly") {
    auto d = Date::parse("2026-11-22");
    REQUIRE(d);
    CHECK(d->str() == "2026-11-22");
    CHECK(Date::parse("2026-12-22")->days - d->days == 30);
    CHECK_FALSE(Date::parse("2026-02-30"));
    CHECK_FALSE(Date::parse("22/11/2026"));
  }

  TEST_CASE("URIs keep their spelling and expose parts") {
    auto u = Uri::parse("https://Dev.Acme.com:8443/ServiceCenter/x.aspx?a=1#f");
    REQUIRE(u);
    CHECK(u->scheme == "https");
    CHECK(u->host == "Dev.Acme.com");
    CHECK(u->port == 8443);
    CHECK(u->path == "/ServiceCenter/x.aspx");
    CHECK(u->query == "a=1");
    CHECK(u->fragment == "f");
    CHECK(Uri::parse("servicestudio://auth")->host == "auth");
    CHECK_FALSE(Uri::parse("/relative/path"));
    CHECK_FALSE(Uri::parse("https://host:99999/"));
    CHECK_FALSE(Uri::parse("https://exa mple.com/"));
    CHECK(Uri::parse("http://[::1]:8080/cb")->host == "[::1]");
  }

  TEST_CASE("loopback hosts") {
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("[::1]"));
    CHECK_FALSE(is_loopback_host("127.example.com"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
  }

  TEST_CASE("near misses name every difference and nothing else") {
    auto nm = [](const char* a, const char* b) { return near_miss(*Uri::parse(a), *Uri::parse(b)); };
    auto d = nm("https://a.com/cb", "http://a.com/cb");
    REQUIRE(d);
    CHECK(d->at(0) == "http instead of https");
    d = nm("https://a.com/cb", "https://a.com/cb/");
    REQUIRE(d);
    CHECK(d->at(0) == "extra trailing slash");
    d = nm("https://a.com/cb", "https://A.com/cb");
    REQUIRE(d);
    CHECK(d->at(0) == "host case differs");
    d = nm("https://a.com/cb", "https://a.com:443/cb");
    REQUIRE(d);
    CHECK(d->at(0) == "explicit default port");
    d = nm("https://a.com/Cb", "https://a.com/cb");
    REQUIRE(d);
    CHECK(d->at(0) == "path case differs");
    CHECK_FALSE(nm("https://a.com/cb", "https://a.com/cb"));
    CHECK_FALSE(nm("https://a.com/cb", "https://b.com/cb"));
    CHECK_FALSE(nm("https://a.com/cb", "https://a.com/other"));
    CHECK_FALSE(nm("servicestudio://auth", "https://auth"));
  }

  TEST_CASE("did you mean") {
    std::string_view keys[] = {"redirect_uris", "logout_uris", "client_id"};
    CHECK(did_you_mean("redirct_uris", keys) == "redirect_uris");
    CHECK(did_you_mean("zzz", keys).empty());
  }
}

#include "core/redact.h"

TEST_SUITE("core") {
  TEST_CASE("redaction removes tokens, secrets, codes and cookies but keeps context") {
    std::string jwt =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJqYW5lIiwiYXVkIjoiYXBwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    auto r = redact("token " + jwt + " end");
    CHECK(r.find(jwt) == std::string::npos);
    CHECK(r.find("eyJhbGciO…[JWT redacted]") != std::string::npos);  // a short hint stays
    CHECK(r.find(" end") != std::string::npos);
    r = redact("POST /token client_id=app&client_secret=S3cr3t-Value&code=SplxlOBeZQQYbYS6WxSbIA&state=xyz");
    CHECK(r.find("S3cr3t-Value") == std::string::npos);
    CHECK(r.find("SplxlOBeZQQYbYS6WxSbIA") == std::string::npos);
    CHECK(r.find("client_id=app") != std::string::npos);
    CHECK(r.find("state=xyz") != std::string::npos);
    r = redact(R"({"error":"invalid_grant","refresh_token":"8xLOxBtZp8","password":"hunter2"})");
    CHECK(r.find("8xLOxBtZp8") == std::string::npos);
    CHECK(r.find("hunter2") == std::string::npos);
    CHECK(r.find("invalid_grant") != std::string::npos);
    r = redact("Authorization: Bearer abcdefghijklmnop.qrstuv\nCookie: .AspNetCore.Session=CfDJ8abc; x=1\nnext");
    CHECK(r.find("abcdefghijklmnop") == std::string::npos);
    CHECK(r.find("CfDJ8abc") == std::string::npos);
    CHECK(r.find("\nnext") != std::string::npos);
    CHECK(is_secret_name("Client_Secret"));
    CHECK_FALSE(is_secret_name("client_id"));
  }
}
