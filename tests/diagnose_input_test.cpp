// Input normalisation, first-pass literals, tie-breaking and aggregation of `diagnose`.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalogue/anchors.h"
#include "diagnose/input.h"
#include "diagnose/normalize.h"
#include "support.h"

using namespace od;
using namespace od::diagnose;
using namespace od::catalogue;

namespace {

Result run(std::string_view text, Options o = {}, const std::string& name = "input") {
  auto r = diagnose_text(text, o, name);
  REQUIRE_MESSAGE(r, (r ? "" : r.error().str()));
  return std::move(*r);
}

Result run_file(const std::string& relative, Options o = {}) {
  std::ifstream in(test::source_path(relative), std::ios::binary);
  REQUIRE(in);
  Diagnoser d(o);
  auto stats = feed(in, relative, d);
  REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().str()));
  return d.finish();
}

const Diagnosis* find(const Result& r, std::string_view code) {
  for (auto& d : r.diagnoses)
    if (d.code == code) return &d;
  return nullptr;
}

std::vector<std::string> values(const Diagnosis& d, std::string_view name) {
  for (auto& [n, v] : d.extracted)
    if (n == name) return v;
  return {};
}

std::string codes(const Result& r) {
  std::string s;
  for (auto& d : r.diagnoses) s += d.code + " ";
  return s;
}

}  // namespace

TEST_SUITE("diagnose") {
  TEST_CASE("percent-decoding, entities and JSON escapes") {
    CHECK(percent_decode("AADSTS50011%3A+The+redirect%20URI+%27x%27", true) == "AADSTS50011: The redirect URI 'x'");
    CHECK(percent_decode("a+b%2", false) == "a+b%2");
    CHECK(decode_entities("&#39;a&#x27; &quot;b&quot; &amp;&lt;c&gt; &unknown;") == "'a' \"b\" &<c> &unknown;");
    CHECK(unescape_json_text(R"(URI \u0027https:\/\/x\u0027 \"y\")") == "URI 'https://x' \"y\"");
    CHECK(html_to_text("<html><head><style>p{}</style><script>var a='AADSTS1';</script></head><body><h1>Sorry</h1>"
                       "<p>Client&nbsp;not <b>found</b>.</p></body></html>") == "Sorry\n\nClient not found .");
  }

  TEST_CASE("URLs: error parameters from the query or the fragment, request parameters as context") {
    Params ctx;
    auto segs = normalize(
        "https://app.acme.com/cb#error=access_denied&error_description=AADSTS50105%3A+blocked+user&state=x", &ctx);
    REQUIRE(!segs.empty());
    CHECK(segs.front().via == "url");
    CHECK(segs.front().text == "access_denied: AADSTS50105: blocked user");
    segs = normalize(
        "GET "
        "https://login.acme.com/"
        "authorize?client_id=abc&redirect_uri=https%3A%2F%2Fdev.acme.com%2Fcb&scope=openid+email",
        &ctx);
    CHECK(ctx == Params{{"client_id", "abc"}, {"redirect_uri", "https://dev.acme.com/cb"}, {"scope", "openid email"}});
  }

  TEST_CASE("JSON bodies: OAuth, Entra error_codes, Okta errorCauses, nested bodies") {
    auto segs =
        normalize(R"(body={"error":"invalid_client","error_description":"Bad secret","error_codes":[7000215]})");
    REQUIRE(!segs.empty());
    CHECK(segs.front().via == "json");
    CHECK(segs.front().text == "invalid_client: Bad secret: AADSTS7000215");
    segs = normalize(
        R"({"errorCode":"E0000001","errorSummary":"Api validation failed: name","errorCauses":[{"errorSummary":"name: must be unique"}]})");
    CHECK(segs.front().text == "E0000001: Api validation failed: name: name: must be unique");
    segs = normalize(R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}})");
    CHECK(segs.front().text == "Access token has expired.: InvalidAuthenticationToken");
  }

  TEST_CASE("wrappers and log prefixes are unwrapped to the inner message") {
    auto segs = normalize(
        "ServerError: invalid_grant: 70008 - [2026-11-22 10:00:00Z]: AADSTS70008: The provided code expired.");
    REQUIRE(!segs.empty());
    CHECK(segs.front().via == "MSAL.js");
    CHECK(segs.front().text == "invalid_grant: AADSTS70008: The provided code expired.");
    segs =
        normalize("2026-11-22 10:15:30,123 WARN  [org.keycloak.events] (executor-thread-1) type=LOGIN_ERROR, error=x");
    auto log = std::find_if(segs.begin(), segs.end(), [](const Segment& s) { return s.via == "log"; });
    REQUIRE(log != segs.end());
    CHECK(log->text == "type=LOGIN_ERROR, error=x");
  }

  TEST_CASE("first-pass literals are those every match must contain") {
    CHECK(required_literals(R"(\bAADSTS50011\b)") == std::vector<std::string>{"aadsts50011"});
    CHECK(required_literals(R"((?i)colou?r name)") == std::vector<std::string>{"r name"});
    CHECK(required_literals(R"((?:reply url|reply address) does)") ==
          std::vector<std::string>{"reply address", "reply url"});
    CHECK(required_literals(R"(x[^\n]{0,300}y)").empty());
    CHECK(required_literals(R"(ab|cd)").empty());
    CHECK(required_literals(R"(Error 400: invalid_request[\s\S]{0,300}Missing)") ==
          std::vector<std::string>{"error 400: invalid_request"});
    CHECK(required_literals(R"(\bunexpected \S{1,7}state\S{1,7} response parameter (?:value|encountered)\b)") ==
          std::vector<std::string>{" response parameter "});
  }

  TEST_CASE("a provider's own error beats the generic code that carried it") {
    auto r = run(R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."})");
    CHECK(codes(r) == "AADSTS7000215 ");
    // Without a provider error the generic code is the diagnosis.
    r = run(R"({"error":"invalid_client","error_description":"Client authentication failed"})");
    REQUIRE(!r.diagnoses.empty());
    CHECK(r.diagnoses.front().code == "invalid_client");
  }

  TEST_CASE("an application's wrapper gives way to the error it wraps, on its line or a few lines away") {
    // The IdP's code inside Grafana's wrapper line.
    auto r = run(
        R"(logger=authn.service level=error error="[auth.oauth.token.exchange] failed to exchange code to token: oauth2: \"invalid_client\" \"AADSTS7000215: Invalid client secret provided.\"")");
    REQUIRE(!r.diagnoses.empty());
    CHECK(r.diagnoses.front().code == "AADSTS7000215");
    CHECK(find(r, "grafana:token-exchange") == nullptr);
    // A generic code on the next line outranks a wrapper of a higher tier (oauth2-proxy prints the body there).
    r =
        run("Error redeeming code during OAuth2 callback: token exchange failed: oauth2: cannot fetch token: 400 Bad "
            "Request\n"
            "Response: {\"error\":\"invalid_grant\",\"error_description\":\"Grant not valid\"}\n");
    CHECK(codes(r) == "invalid_grant ");
    // A wrapper whose pattern covers the inner code does not hide it.
    r = run("Exception: An error was encountered while handling the remote login. Correlation failed.");
    CHECK(codes(r) == "aspnet:correlation-failed ");
    // Alone the wrapper is the diagnosis; a bare status on a later line is only context for it.
    CHECK(codes(run("Failed to get token from provider")) == "grafana:token-exchange ");
    CHECK(
        codes(run(
            "java.lang.Exception: Token request failed: com.google.api.client.auth.oauth2.TokenResponseException: 502 "
            "Bad Gateway\nHTTP/1.1 401 Unauthorized\n")) == "jenkins:token-request-failed ");
    // Far apart in a log, a wrapper and an unrelated error are two findings.
    std::string log = "Failed to get token from provider\n";
    for (int i = 0; i < 20; ++i) log += "INFO request completed\n";
    log += "{\"error\":\"invalid_scope\"}\n";
    r = run(log);
    CHECK(find(r, "grafana:token-exchange") != nullptr);
    CHECK(find(r, "invalid_scope") != nullptr);
  }

  TEST_CASE("bare status lines: reported alone, the platform's reading only when the platform is known") {
    CHECK(codes(run("HTTP/1.1 401 Unauthorized")) == "401 ");
    auto r = run("HTTP/1.1 401 Unauthorized", {.platform = "outsystems"});
    REQUIRE(!r.diagnoses.empty());
    CHECK(r.diagnoses.front().code == "outsystems:401");
    CHECK(find(r, "401") == nullptr);
    // Next to a real error, a status is only context.
    CHECK(codes(run("HTTP/1.1 400 Bad Request\n{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: "
                    "expired\"}")) == "AADSTS70008 ");
  }

  TEST_CASE("codes of a known family that are not catalogued are still reported with their reference") {
    auto r = run("Sign-in failed: AADSTS9999999: Something the catalogue does not know.");
    REQUIRE(r.diagnoses.size() == 1);
    auto& d = r.diagnoses.front();
    CHECK(d.code == "AADSTS9999999");
    CHECK(d.provider == "entra");
    CHECK(d.category == "unknown");
    CHECK(d.reference == "https://login.microsoftonline.com/error?code=9999999");
    CHECK(find(run("errorCode E0000999 returned"), "E0000999") != nullptr);
    CHECK(find(run("MSIS9999: unexpected"), "MSIS9999") != nullptr);
    CHECK(find(run("IDX99999: unexpected"), "IDX99999") != nullptr);
  }

  TEST_CASE("several distinct errors in one input are reported separately") {
    auto r =
        run("AADSTS50011: The redirect URI 'https://a.acme.com/cb' specified in the request does not match the "
            "redirect URIs configured for the application '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'.\n"
            "then later: Invalid login SSO\n");
    CHECK(find(r, "AADSTS50011") != nullptr);
    CHECK(find(r, "outsystems:invalid-login-sso") != nullptr);
    CHECK(r.diagnoses.size() == 2);
  }

  TEST_CASE("a log is aggregated: count, first and last line, distinct extracted values") {
    auto r = run_file("fixtures/diagnose/signin.log");
    INFO(codes(r));
    const Diagnosis* d = find(r, "AADSTS50011");
    REQUIRE(d);
    CHECK(d->count == 4);
    CHECK(d->first_line == 2);
    CHECK(d->last_line == 14);
    CHECK(values(*d, "redirect_uri") ==
          std::vector<std::string>{
              "https://os-uat.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx",
              "http://os-prd.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"});
    // The pretty-printed body spanning lines 8-12 is one unit: its secret error, not invalid_client.
    const Diagnosis* secret = find(r, "AADSTS7000215");
    REQUIRE(secret);
    CHECK(secret->first_line == 8);
    CHECK(secret->count == 1);
    CHECK(find(r, "invalid_client") == nullptr);
    CHECK(find(r, "401") == nullptr);
    CHECK(r.diagnoses.size() == 2);
  }

  TEST_CASE("a HAR file: every entry's URL, status and body, skipping scripts and media") {
    auto r = run_file("fixtures/diagnose/sign-in.har");
    INFO(codes(r));
    const Diagnosis* redirect = find(r, "AADSTS50011");
    REQUIRE(redirect);
    REQUIRE(redirect->har.size() == 1);
    CHECK(redirect->har[0].index == 0);
    CHECK(redirect->har[0].status == 200);
    CHECK(values(*redirect, "redirect_uri") ==
          std::vector<std::string>{
              "http://os-dev.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx"});
    const Diagnosis* assigned = find(r, "AADSTS50105");
    REQUIRE(assigned);
    CHECK(assigned->har[0].index == 2);
    CHECK(values(*assigned, "user") == std::vector<std::string>{"alex.wilber@contoso.com"});
    const Diagnosis* secret = find(r, "AADSTS7000215");
    REQUIRE(secret);
    CHECK(secret->har[0].index == 3);
    CHECK(secret->har[0].status == 401);
    CHECK(find(r, "AADSTS50020") == nullptr);  // only inside a JavaScript bundle
    CHECK(r.diagnoses.size() == 3);
  }

  TEST_CASE("a broken HAR names the file, line and column of the JSON error") {
    std::ifstream in(test::source_path("fixtures/diagnose/broken.har"), std::ios::binary);
    Diagnoser d;
    auto stats = feed(in, "broken.har", d);
    REQUIRE_FALSE(stats);
    CHECK(stats.error().where.starts_with("broken.har:"));
    CHECK(stats.error().where.find(':', 11) != std::string::npos);
    CHECK(stats.error().message.starts_with("malformed HAR"));
  }

  TEST_CASE("evidence is redacted before it is cut") {
    std::string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
    std::string line = "id_token=" + jwt + " " + std::string(500, 'x') +
                       " AADSTS70008: The provided authorization code or refresh token has expired.";
    auto r = run(line);
    REQUIRE(!r.diagnoses.empty());
    CHECK(r.diagnoses.front().evidence.find("c2lnbmF0dXJlc2lnbmF0dXJl") == std::string::npos);
    CHECK(r.diagnoses.front().evidence.find("AADSTS70008") != std::string::npos);
    CHECK(r.diagnoses.front().evidence.size() < 500);
  }

  TEST_CASE("binary and empty inputs are refused") {
    CHECK_FALSE(
        diagnose_text(std::string("\x7f"
                                  "ELF\x02\x01\x01\0\0\0",
                                  10)));
    CHECK_FALSE(diagnose_text(" \n\t\n"));
    CHECK(diagnose_text("no error here at all"));
    CHECK(diagnose_text("no error here at all")->diagnoses.empty());
  }

  TEST_CASE("a log larger than a paste goes through the Set and the position scan with the same result") {
    std::string log = test::read_file(test::source_path("fixtures/diagnose/signin.log"));
    std::string big;
    for (int i = 0; i < 300; ++i)
      big += "2026-11-22T07:00:00.000Z INFO  [main] c.acme.web.RequestLogger - GET /static/" + std::to_string(i) +
             ".css 200 1ms\n";
    for (int i = 0; i < 3; ++i) big += log;
    REQUIRE(big.size() > (16u << 10));
    auto r = run(big);
    INFO(codes(r));
    const Diagnosis* d = find(r, "AADSTS50011");
    REQUIRE(d);
    CHECK(d->count == 12);
    CHECK(d->first_line == 302);
    CHECK(d->last_line == 300 + 2 * 14 + 14);
    const Diagnosis* secret = find(r, "AADSTS7000215");
    REQUIRE(secret);
    CHECK(secret->count == 3);
    CHECK(secret->first_line == 308);
    CHECK(r.diagnoses.size() == 2);
    CHECK(r.lines == 300 + 3 * 14);
  }

  TEST_CASE("a stream read ahead in small blocks diagnoses as one read in large blocks") {
    // Past its first 64 KiB a stream is read and first-passed on a second thread, blocks ahead
    // of the diagnosis: blocks of 4 KiB (hundreds of hand-overs, lines cut at block edges, a
    // line longer than max_line in pieces) must give what blocks of 4 MiB give. Without the
    // log's pretty-printed JSON body: a block edge inside one splits it (a known limit).
    std::string log;
    std::istringstream lines(test::read_file(test::source_path("fixtures/diagnose/signin.log")));
    for (std::string line; std::getline(lines, line);)
      if (line.find("\"error") == std::string::npos && line.find('{') == std::string::npos && line != "}")
        log += line + "\n";
    REQUIRE(std::count(log.begin(), log.end(), '\n') == 9);
    std::string big;
    for (int i = 0; i < 2000; ++i) {
      big += "2026-11-22T07:00:00.000Z INFO  [main] c.acme.web.RequestLogger - GET /static/" + std::to_string(i) +
             ".css 200 1ms\n";
      if (i % 200 == 0) big += log;
      if (i == 1000) big += std::string(5000, 'x') + "\n";
    }
    REQUIRE(big.size() > (128u << 10));
    auto diagnose_with = [&](InputLimits limits) {
      std::istringstream in(big);
      Diagnoser d;
      auto stats = feed(in, "big.log", d, limits);
      REQUIRE_MESSAGE(stats, (stats ? "" : stats.error().str()));
      CHECK(stats->bytes == big.size());
      Result r = d.finish();
      r.lines = stats->lines;
      return r;
    };
    Result small = diagnose_with({.block = 4 << 10, .max_line = 2 << 10});
    Result large = diagnose_with({});
    const Diagnosis* d = find(large, "AADSTS50011");
    REQUIRE(d);
    CHECK(d->count == 40);
    CHECK(large.lines == 2000 + 10 * 9 + 1);
    CHECK(small.lines == large.lines);
    REQUIRE(small.diagnoses.size() == large.diagnoses.size());
    for (size_t i = 0; i < large.diagnoses.size(); ++i) {
      INFO(large.diagnoses[i].code);
      CHECK(small.diagnoses[i].code == large.diagnoses[i].code);
      CHECK(small.diagnoses[i].count == large.diagnoses[i].count);
      CHECK(small.diagnoses[i].first_line == large.diagnoses[i].first_line);
      CHECK(small.diagnoses[i].last_line == large.diagnoses[i].last_line);
      CHECK(small.diagnoses[i].extracted == large.diagnoses[i].extracted);
    }
  }
}

TEST_SUITE("diagnose") {
  // ---- The code as emitted, and which entry speaks first.

  TEST_CASE("an entry without a code of its own emits its message as written, not an exception that carried it") {
    auto r = run("System.AggregateException: Unhandled remote failure. ---> System.Exception: Correlation failed.");
    REQUIRE(r.recognized());
    CHECK(r.diagnoses.front().code == "aspnet:correlation-failed");
    CHECK(r.diagnoses.front().error == "Correlation failed.");
    // A service's own exception type is its error code (AWS answers with it in __type).
    auto aws = run(R"({"__type":"NotAuthorizedException","message":"Unable to verify secret hash for client abc"})");
    REQUIRE(aws.recognized());
    CHECK(aws.diagnoses.front().error == "NotAuthorizedException");
  }

  TEST_CASE("a legacy code is emitted as written, and diagnosed as itself when the catalogue has it") {
    // No entry for AADSTS70001: the newer entry whose wording it shares explains it, the code stays.
    auto r = run("AADSTS70001: Application with identifier 'abc' was not found in the directory 'contoso'.");
    REQUIRE(r.recognized());
    CHECK(r.diagnoses.front().error == "AADSTS70001");
    // AADSTS50011 with the wording AADSTS500113 has today: the code written in the text wins, and
    // its own older-wording entry says what it meant then (no redirect URI at all).
    auto legacy = run("AADSTS50011: No reply address is registered for the application.");
    REQUIRE(legacy.recognized());
    CHECK(legacy.diagnoses.front().code == "AADSTS50011-no-reply-address");
    CHECK(legacy.diagnoses.front().error == "AADSTS50011");
    CHECK(legacy.diagnoses.front().category == "redirect-uri-missing");
  }

  TEST_CASE("a wording variant counts as its written code only where that code introduces its own message") {
    // AADSTS50013 has one variant per wording; each is the one whose message follows the code.
    auto audience = run("AADSTS50013: Assertion audience claim does not match the required value.");
    REQUIRE(audience.recognized());
    CHECK(audience.diagnoses.front().code == "AADSTS50013-audience");
    CHECK(audience.diagnoses.front().error == "AADSTS50013");
    auto lifetime = run("AADSTS50013: Assertion is not within its valid time range.");
    REQUIRE(lifetime.recognized());
    CHECK(lifetime.diagnoses.front().code == "AADSTS50013-lifetime");
    // The variant's wording matched on its own, the code written right before it still counts.
    auto consumers = run("AADSTS70002: The client does not exist or is not enabled for consumers.");
    REQUIRE(consumers.recognized());
    CHECK(consumers.diagnoses.front().code == "AADSTS70002-consumers");
    CHECK(consumers.diagnoses.front().error == "AADSTS70002");
  }

  TEST_CASE("bare OAuth codes come last, after entries that read the description, and fold into them") {
    auto r = run("exchange error: invalid_grant: The code_verifier sent does not match code_challenge");
    REQUIRE(r.recognized());
    CHECK(r.diagnoses.front().code == "pkce:verifier-mismatch");
    CHECK(r.diagnoses.front().error == "invalid_grant");
    CHECK(find(r, "invalid_grant") == nullptr);
  }

  TEST_CASE("a one-word error value is emitted from a JSON error member or error= parameter, not from a log field") {
    auto uaa = run(
        R"(error="oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}")");
    REQUIRE(uaa.recognized());
    CHECK(uaa.diagnoses.front().error == "unauthorized");
    auto query = run("GET /callback?error=unauthorized&error_description=Access%20denied. 401 Unauthorized");
    REQUIRE(query.recognized());
    CHECK(query.diagnoses.front().error == "unauthorized");
    // "error=oauth2: ..." starts a message: the word after it is no error value.
    auto log = run(
        R"(lvl=eror msg=login.OAuthLogin(NewTransportWithCode) error="oauth2: server response missing access_token")");
    for (auto& d : log.diagnoses) CHECK(d.error != "oauth2");
    // A JSON flag is no error value either.
    auto flag = run(R"({"error":"true","message":"oauth2: cannot fetch token: 401 Unauthorized"})");
    for (auto& d : flag.diagnoses) CHECK(d.error != "true");
  }

  TEST_CASE("an exception named with its namespace is emitted as the type, not the namespace") {
    auto r = run("OpenIDConnect::Discovery::DiscoveryFailed (Issuer mismatch):");
    REQUIRE(r.recognized());
    CHECK(r.diagnoses.front().code == "gitlab:discovery-issuer-mismatch");
    CHECK(r.diagnoses.front().error == "DiscoveryFailed");
  }

  TEST_CASE("a message's trailing word that introduces its values is not part of the emitted message") {
    auto r = run("RPError: state mismatch, expected AdTh_iVtNx, got: RgDZwNvcky");
    REQUIRE(r.recognized());
    CHECK(r.diagnoses.front().code == "openid-client:state-mismatch");
    CHECK(r.diagnoses.front().error == "state mismatch");
  }

  TEST_CASE("the RFC 6749 list of invalid_client causes is no 'Unknown client'; a fosite hint after it decides") {
    const std::string rfc =
        R"({"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).)";
    auto bare = run(rfc + R"("})");
    REQUIRE(bare.recognized());
    CHECK(bare.diagnoses.front().code != "oauth:unknown-client");
    auto unknown = run(rfc + R"( The requested OAuth 2.0 Client does not exist."})");
    CHECK(unknown.diagnoses.front().code == "fosite:client-not-found");
    auto method = run(
        rfc +
        R"( The request was determined to be using 'token_endpoint_auth_method' method 'client_secret_basic', however the OAuth 2.0 client registration does not allow this method."})");
    CHECK(method.diagnoses.front().category == "client-auth-method");
    // The server's own "Unknown client" still is one.
    auto plain = run(R"({"error":"invalid_client","error_description":"Unknown client"})");
    CHECK(plain.diagnoses.front().code == "oauth:unknown-client");
  }

  TEST_CASE("the code on the line above a recognised description is the one emitted (one diagnosis)") {
    auto r =
        run("Identity Provider: Unknown\nError Code: invalid_request\nDescription: The 'redirect_uri' parameter must "
            "be a Login redirect URI in the client app settings: https://app.example.com/cb\n");
    REQUIRE(r.diagnoses.size() == 1);
    CHECK(r.diagnoses.front().code == "okta:invalid_request-redirect_uri");
    CHECK(r.diagnoses.front().error == "invalid_request");
  }

  TEST_CASE("colour codes, padded spaces, URL encoding and hyphen-wrapped words do not hide an error") {
    const std::string okta = "okta:invalid_request-redirect_uri";
    auto padded = run("The  'redirect_uri'  parameter must be a Login   redirect URI in the client app settings");
    REQUIRE(padded.recognized());
    CHECK(padded.diagnoses.front().code == okta);
    auto encoded = run("The+%27redirect_uri%27+parameter+must+be+a+Login+redirect+URI+in+the+client+app+settings");
    REQUIRE(encoded.recognized());
    CHECK(encoded.diagnoses.front().code == okta);
    auto coloured =
        run("\x1b[31mERROR\x1b[0m The \x1b[1m'redirect_uri'\x1b[0m parameter must be a Login redirect URI in the "
            "client app settings");
    REQUIRE(coloured.recognized());
    CHECK(coloured.diagnoses.front().code == okta);
    auto wrapped = run("Unable to verify secret hash for cli-\nent 1example23456789\n");
    REQUIRE(wrapped.recognized());
    CHECK(wrapped.diagnoses.front().code == "cognito:secret-hash");
    // Without the hyphen rule the halves match nothing.
    CHECK(!run("Unable to verify secret hash for cli-").recognized());
    // A terminal's hard wrap cuts a word without a hyphen; a short line ending in a word is no cut.
    const std::string cut_line = R"({"code":"NotAuthorizedException","name":"NotAuthorizedException","message":"Unab)";
    auto cut = run(cut_line + "\nle to verify secret hash for client 3xxxxxxx\"}\n");
    REQUIRE(cut.recognized());
    CHECK(cut.diagnoses.front().code == "cognito:secret-hash");
    CHECK(!run("Unab\nle to verify secret hash for client 3xxxxxxx\n").recognized());
  }
}
