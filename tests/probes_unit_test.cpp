// preflight without a network: classifiers per provider, the probe rules on hand-made facts,
// routes, redaction, recordings, and the orchestration against a scripted transport.
#include <doctest/doctest.h>

#include <deque>
#include <filesystem>
#include <functional>
#include <map>

#include "core/encoding.h"
#include "imports/load.h"
#include "net/recording.h"
#include "probes/classify.h"
#include "probes/differential.h"
#include "probes/preflight.h"
#include "probes/protocol.h"
#include "probes/route.h"
#include "probes_support.h"
#include "rules/engine.h"
#include "support.h"

using namespace od;
using namespace od::probes;

namespace {

// node-oidc-provider 9.13.3's error page, as observed (tests/peers/README.md).
std::string node_page(const std::string& error, const std::string& desc) {
  return "<!DOCTYPE html><html><head><title>oops! something went wrong</title><style>h1{x}</style></head><body>"
         "<div class=\"container\"><h1>oops! something went wrong</h1><pre><strong>error</strong>: " +
         error + "</pre><pre><strong>error_description</strong>: " + desc +
         "</pre><pre><strong>state</strong>: st123</pre><pre><strong>iss</strong>: http://127.0.0.1:34497</pre>"
         "</div></body></html>";
}

const std::string kRedirect = "https://app.example.test/oidc/callback";

// node-oidc-provider's answers to preflight's canaries (tests/peers/OBSERVED.md).
HttpResponse refused_canary(const HttpRequest& r) {
  if (r.probe == "canary-token")
    return test::http_reply(401, R"({"error":"invalid_client","error_description":"client authentication failed"})");
  if (r.url.find("od-canary-") != std::string::npos && r.url.find("client_id=od-canary-") == std::string::npos)
    return test::http_reply(400, node_page("invalid_redirect_uri",
                                           "redirect_uri did not match any of the client&#39;s "
                                           "registered redirect_uris"));
  return test::http_reply(400, node_page("invalid_client", "client is invalid"));
}

nlohmann::json good_doc(const std::string& base = "https://idp.example.com") {
  return {{"issuer", base},
          {"authorization_endpoint", base + "/auth"},
          {"token_endpoint", base + "/token"},
          {"jwks_uri", base + "/jwks"},
          {"end_session_endpoint", base + "/logout"},
          {"response_types_supported", {"code"}},
          {"subject_types_supported", {"public"}},
          {"id_token_signing_alg_values_supported", {"RS256"}},
          {"code_challenge_methods_supported", {"S256"}},
          {"grant_types_supported", {"authorization_code", "refresh_token"}},
          {"scopes_supported", {"openid", "offline_access"}},
          {"token_endpoint_auth_methods_supported", {"client_secret_basic"}}};
}

std::vector<std::string> ids(const std::vector<Finding>& v) {
  std::vector<std::string> out;
  for (auto& f : v) out.emplace_back(f.rule->id);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The IdP side of a hand-made preflight run: one web client on one environment.
struct Idp {
  std::string metadata_url;
  std::string kind = "generic";
  bool needs_refresh = true;  // the client asks for refresh tokens
  bool secret = true;         // the client authenticates with a secret
};
const Idp kFacts{"https://idp.example.com/.well-known/openid-configuration"};

// Runs the probe rules on facts where environment `app` read `doc` (and, when given, the key
// set `jwks`), as preflight would have learnt them.
std::vector<Finding> probe_findings(const nlohmann::json& doc, const Idp& idp, const std::string* jwks = nullptr) {
  Config cfg;
  cfg.file = "cfg.yaml";
  cfg.platform = "generic";
  Environment env;
  env.name.value = "app";
  cfg.environments.push_back(env);
  Client c;
  c.id = "web_client";
  c.label = "web client";
  c.provider_kind = idp.kind;
  c.metadata_url = LStr{idp.metadata_url, {3, 5}};
  if (idp.needs_refresh) c.grant_types = LList{{}, {{"authorization_code", {}}, {"refresh_token", {}}}};
  if (idp.secret) c.secret = Secret{};
  cfg.clients.push_back(c);
  Facts facts;
  Target& t = facts.targets.emplace_back();
  t.url = &*cfg.clients[0].metadata_url;
  t.clients = {&cfg.clients[0]};
  t.kind = idp.kind;
  t.discovery.push_back(
      {0, "app", {"", "direct"}, test::http_reply(200, doc.dump(), {{"content-type", "application/json"}}), doc});
  if (jwks) {
    t.jwks.started = true;
    t.jwks.url = "https://idp.example.com/jwks";
    t.jwks.env = 0;
    t.jwks.environment = "app";
    t.jwks.response = test::http_reply(200, *jwks, {{"content-type", "application/json"}});
  }
  return run_probe_rules(cfg, facts, *Date::parse("2026-11-22"));
}

std::vector<Finding> check_discovery_document(const nlohmann::json& doc, const Idp& idp) {
  return probe_findings(doc, idp);
}

// The key set checks on their own: the document is good_doc(), which raises nothing.
std::vector<Finding> check_jwks_document(const std::string& body) { return probe_findings(good_doc(), kFacts, &body); }

// Answers each request with a function of the request; records what was asked.
class Scripted final : public Transport {
 public:
  std::function<HttpResponse(const HttpRequest&)> reply;
  std::vector<HttpRequest> asked;
  void submit(HttpRequest r, Callback done) override { q_.emplace_back(std::move(r), std::move(done)); }
  void run() override {
    while (!q_.empty()) {
      auto [r, done] = std::move(q_.front());
      q_.pop_front();
      asked.push_back(r);
      done(reply(r));
    }
  }

 private:
  std::deque<std::pair<HttpRequest, Callback>> q_;
};

Config load(const std::string& text) {
  setenv("PF_SECRET", "s3cret-value-for-tests", 1);
  auto c = load_config_text(text, "cfg.yaml", ".");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().str()));
  return std::move(*c);
}

// What preflight reports: the facts the probes learn, judged by the probe rules.
std::vector<Finding> preflight_findings(const Config& cfg, Transport& net, const PreflightSettings& s) {
  return run_probe_rules(cfg, run_probes(cfg, net, s), s.today);
}

std::vector<std::string> rule_ids(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (auto& f : fs) out.emplace_back(f.rule->id);
  return out;
}

}  // namespace

TEST_SUITE("probes") {
  TEST_CASE("authorize: node-oidc-provider answers (observed) are classified") {
    auto accepted = classify_authorize(
        "generic", test::http_reply(303, "Redirecting", {{"location", "/interaction/abc"}}), kRedirect);
    CHECK(accepted.verdict == Verdict::Accepted);
    auto rejected = classify_authorize(
        "generic",
        test::http_reply(400, node_page("invalid_redirect_uri",
                                        "redirect_uri did not match any of the client&#39;s registered redirect_uris")),
        kRedirect);
    CHECK(rejected.verdict == Verdict::Rejected);
    CHECK(rejected.detail ==
          "invalid_redirect_uri: redirect_uri did not match any of the client's registered redirect_uris");
    auto unknown = classify_authorize(
        "generic", test::http_reply(400, node_page("invalid_client", "client is invalid")), kRedirect);
    CHECK(unknown.verdict == Verdict::ClientUnknown);
    // Sent back to the redirect URI with an error: the URI itself is registered.
    auto back = classify_authorize(
        "generic",
        test::http_reply(303, "",
                         {{"location", kRedirect + "?error=invalid_request&error_description=PKCE+required&state=s1"}}),
        kRedirect);
    CHECK(back.verdict == Verdict::Accepted);
    CHECK(back.detail.find("invalid_request: PKCE required") != std::string::npos);
    // A URI that merely starts like the redirect URI is not it.
    CHECK(classify_authorize("generic", test::http_reply(302, "", {{"location", kRedirect + "x?error=e"}}), kRedirect)
              .verdict == Verdict::Inconclusive);
    auto down = HttpResponse{};
    down.failure = Failure::Timeout;
    down.error = "Operation timed out";
    CHECK(classify_authorize("generic", down, kRedirect).verdict == Verdict::Inconclusive);
    CHECK(classify_authorize("generic", test::http_reply(200, "<html><body>Maintenance</body></html>"), kRedirect)
              .verdict == Verdict::Inconclusive);
  }

  TEST_CASE("canaries: answers are compared by shape, whatever words the provider uses") {
    // A canary of `kind` answered with `resp`, read as preflight reads it.
    auto canary = [](Canary::Kind kind, HttpResponse resp, const std::string& uri = kRedirect,
                     const std::string& id = "web-basic") {
      Canary k;
      k.kind = kind;
      k.started = true;
      k.redirect_uri = uri;
      k.client_id = id;
      k.response = std::move(resp);
      k.reading = read_canary("generic", k, true);
      k.shape = answer_shape(k.response, k.client_id);
      return k;
    };
    const std::string fake_uri = "https://od-canary-q3x9a.invalid/oidc/callback";
    using K = Canary::Kind;
    using R = Canary::Reading;
    auto verdict = [](const HttpResponse& real, const Canary* rc, const Canary* cc, bool wordings = true) {
      return compare_authorize(classify_authorize("generic", real, kRedirect, wordings), real,
                               answer_shape(real, "web-basic"), rc, cc);
    };

    // The shape masks what changes from one request to the next: ids, tokens, URLs, numbers.
    CHECK(answer_shape(test::http_reply(303, "Redirecting to /interaction/kdRlQQKqkgPY5wYSxlsAmiVlCUOXbOquG1pIDtkc-el.",
                                        {{"location", "/interaction/kdRlQQKqkgPY5wYSxlsAmiVlCUOXbOquG1pIDtkc-el"}}),
                       "web-basic") ==
          answer_shape(test::http_reply(303, "Redirecting to /interaction/Zq0-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab.",
                                        {{"location", "/interaction/Zq0-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab"}}),
                       "web-basic"));
    CHECK(answer_shape(test::http_reply(200, "<input name=\"token\" value=\"1764590000_4711\"/><p>Sign in</p>"), "x") ==
          answer_shape(test::http_reply(200, "<input name=\"token\" value=\"1764590321_99\"/><p>Sign in</p>"), "x"));
    CHECK(
        answer_shape(test::http_reply(400, node_page("invalid_client", "client is invalid")), "nosuch") !=
        answer_shape(test::http_reply(400, node_page("invalid_redirect_uri", "redirect_uri did not match")), "nosuch"));

    // An IdP that answers an unregistered URI and an unknown client with a bare 403, and a
    // registered one with its sign-in page (issue 13): no words, still a refusal.
    auto bare = test::http_reply(403, "");
    auto login = test::http_reply(302, "", {{"location", "https://idp.example.com/login?session=Xy12"}});
    Canary rc = canary(K::RedirectUri, bare, fake_uri), cc = canary(K::ClientId, bare, kRedirect, "od-canary-abcdefgh");
    CHECK(rc.reading == R::Refused);
    CHECK(verdict(bare, &rc, &cc).verdict == Verdict::Rejected);
    // ... but only once some request of the run was answered otherwise: one refusal for
    // everything may be about something else.
    CHECK(compare_authorize(classify_authorize("generic", bare, kRedirect), bare, answer_shape(bare, "web-basic"), &rc,
                            &cc, false)
              .verdict == Verdict::Inconclusive);
    // A server error is no answer: the canary counts as not probed.
    CHECK(canary(K::RedirectUri, test::http_reply(503, "<h1>Down</h1>"), fake_uri).reading == R::NotProbed);
    CHECK(verdict(bare, &rc, &cc).detail.find("the client id may be the cause") != std::string::npos);
    CHECK(verdict(login, &rc, &cc).verdict == Verdict::Accepted);
    // Without canary answers (an older recording) the verdict is what the words alone say.
    CHECK(verdict(bare, nullptr, nullptr).verdict == Verdict::Inconclusive);
    Canary unanswered = canary(K::RedirectUri, HttpResponse{}, fake_uri);
    unanswered.response.failure = Failure::Other;
    unanswered.reading = read_canary("generic", unanswered, true);
    CHECK(unanswered.reading == R::NotProbed);
    CHECK(verdict(bare, &unanswered, nullptr).verdict == Verdict::Inconclusive);

    // One login page for everything (LemonLDAP::NG before sign-in): nothing can be verified.
    auto page = [](const std::string& csrf) {
      return test::http_reply(200,
                              "<html><title>Authentication portal</title><input type=\"hidden\" name=\"token\" "
                              "value=\"" +
                                  csrf + "\"/><span trmsg=\"9\"></span></html>");
    };
    Canary lrc = canary(K::RedirectUri, page("1764590000_12"), fake_uri);
    Canary lcc = canary(K::ClientId, page("1764590001_13"), kRedirect, "od-canary-abcdefgh");
    CHECK(lrc.reading == R::Deferred);
    auto l = verdict(page("1764590002_14"), &lrc, &lcc);
    CHECK(l.verdict == Verdict::Unverifiable);
    CHECK(l.detail.find("checks redirect URIs only after sign-in") != std::string::npos);

    // No registry at all (oauth2-mock-server): the canary URI is redirected to, with a code.
    auto to = [](const std::string& uri) {
      return test::http_reply(302, "Found.", {{"location", uri + "?code=c1&state=s"}});
    };
    Canary mrc = canary(K::RedirectUri, to(fake_uri), fake_uri);
    Canary mcc = canary(K::ClientId, to(kRedirect), kRedirect, "od-canary-abcdefgh");
    CHECK(mrc.reading == R::Accepted);
    CHECK(mcc.reading == R::Accepted);
    auto m = verdict(to(kRedirect), &mrc, &mcc);
    CHECK(m.verdict == Verdict::Unverifiable);
    CHECK(m.detail.find("accepts any redirect URI") != std::string::npos);

    // node-oidc-provider with the wording tables off: the refusal is found by comparison alone.
    auto wrong_uri = test::http_reply(400, node_page("invalid_redirect_uri",
                                                     "redirect_uri did not match any of the "
                                                     "client&#39;s registered redirect_uris"));
    Canary nrc = canary(K::RedirectUri, wrong_uri, fake_uri);
    Canary ncc = canary(K::ClientId, test::http_reply(400, node_page("invalid_client", "client is invalid")), kRedirect,
                        "od-canary-abcdefgh");
    CHECK(classify_authorize("generic", wrong_uri, kRedirect, false).verdict == Verdict::Inconclusive);
    auto n = verdict(wrong_uri, &nrc, &ncc, false);
    CHECK(n.verdict == Verdict::Rejected);
    CHECK(n.detail.find("invalid_redirect_uri") != std::string::npos);
    CHECK(verdict(test::http_reply(303, "", {{"location", "/interaction/abcDEF123"}}), &nrc, &ncc, false).verdict ==
          Verdict::Accepted);
  }

  TEST_CASE("canaries: token verdicts read RFC 6749 and the unknown-client canary") {
    auto canary = [](HttpResponse resp) {
      Canary k;
      k.kind = Canary::Kind::Token;
      k.started = true;
      k.client_id = "od-canary-abcdefgh";
      k.response = std::move(resp);
      k.reading = read_canary("generic", k, true);
      k.shape = answer_shape(k.response, k.client_id);
      return k;
    };
    auto verdict = [](const HttpResponse& real, const Canary* k, bool wordings = false) {
      return compare_token(classify_token("generic", real, wordings), answer_shape(real, "web-basic"), k);
    };
    // Issue 13's provider (Glewlwyd): 403 unauthorized_client for a wrong secret, 403 invalid_code for
    // the right one. invalid_code is Glewlwyd's own word, not RFC 6749's: without the wording tables
    // the answer is neither the code refusal the RFC names nor the unknown client's answer, and the
    // verdict says so; the catalogue's Glewlwyd entry reads it as a passed secret.
    auto wrong = test::http_reply(403, R"({"error":"unauthorized_client"})");
    Canary k = canary(test::http_reply(403, R"({"error":"unauthorized_client"})"));
    CHECK(verdict(wrong, &k).verdict == SecretVerdict::Invalid);
    auto glewlwyd = test::http_reply(403, R"({"error":"invalid_code"})");
    auto plain = verdict(glewlwyd, &k);
    CHECK(plain.verdict == SecretVerdict::Inconclusive);
    CHECK(plain.entry == nullptr);
    CHECK(plain.detail.find("HTTP 403 invalid_code") != std::string::npos);
    CHECK(plain.detail.find("neither a refusal of the made-up code") != std::string::npos);
    CHECK(plain.detail.find("HTTP 403 unauthorized_client") != std::string::npos);
    auto worded = verdict(glewlwyd, &k, true);
    CHECK(worded.verdict == SecretVerdict::Accepted);
    REQUIRE(worded.entry != nullptr);
    CHECK(worded.entry->code == "glewlwyd:invalid-code");
    // Keycloak's event log says error=invalid_code too: text that merely contains the word is no
    // token endpoint's answer, and the Glewlwyd entry does not claim it.
    CHECK(classify_token("generic", test::http_reply(400, "type=CODE_TO_TOKEN_ERROR, error=invalid_code, x=y"), true)
              .verdict == SecretVerdict::Inconclusive);
    CHECK(verdict(test::http_reply(400, R"({"error":"invalid_grant"})"), &k).verdict == SecretVerdict::Accepted);
    // Neither: said plainly.
    auto other = verdict(test::http_reply(400, R"({"error":"invalid_request","error_description":"bad"})"), &k);
    CHECK(other.verdict == SecretVerdict::Inconclusive);
    CHECK(other.detail.find("neither a refusal of the made-up code") != std::string::npos);
    // No canary answer: the words alone, as before.
    CHECK(verdict(wrong, nullptr).verdict == SecretVerdict::Inconclusive);
    // node-oidc-provider, tables off: a wrong secret gets exactly the unknown client's answer.
    auto node =
        test::http_reply(401, R"({"error":"invalid_client","error_description":"client authentication failed"})");
    Canary nk = canary(node);
    auto n = verdict(node, &nk);
    CHECK(n.verdict == SecretVerdict::Invalid);
    CHECK(n.detail.starts_with("invalid_client: client authentication failed"));
    // Tokens for a client that does not exist: nothing can be checked.
    auto tokens = test::http_reply(200, R"({"access_token":"a","token_type":"Bearer"})");
    Canary mk = canary(tokens);
    CHECK(mk.reading == Canary::Reading::Accepted);
    CHECK(verdict(tokens, &mk, true).verdict == SecretVerdict::Unverifiable);
    // A 200 page that is not a token answer (a maintenance page) accepts nothing.
    auto page = test::http_reply(200, "<html><h1>Maintenance</h1></html>");
    Canary pk = canary(page);
    CHECK(pk.reading == Canary::Reading::Deferred);
    CHECK(verdict(page, &pk, true).verdict == SecretVerdict::Inconclusive);
  }

  TEST_CASE("authorize: each provider's wording is read through its catalogue entries") {
    struct Case {
      const char* dialect;
      long status;
      std::string body;
      Verdict want;
    };
    const Case cases[] = {
        {"entra", 200,
         R"(<script>$Config={"strServiceExceptionMessage":"AADSTS50011: The redirect URI 'https://qa.acme.com/x' specified in the request does not match the redirect URIs configured for the application 'abc'. Make sure ...","iErrorCode":50011};</script>)",
         Verdict::Rejected},
        {"entra", 200,
         R"($Config={"strServiceExceptionMessage":"AADSTS700016: Application with identifier 'abc' was not found in the directory 'Contoso'."})",
         Verdict::ClientUnknown},
        {"entra", 200, R"(<title>Sign in to your account</title><script>$Config={"urlPost":"/common/login"}</script>)",
         Verdict::Accepted},
        {"entra", 200, R"($Config={"strServiceExceptionMessage":"AADSTS90002: Tenant 'x' not found."})",
         Verdict::Inconclusive},
        {"okta", 400,
         "<p>The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: https://x</p>",
         Verdict::Rejected},
        {"okta", 400, "<p>Invalid value for 'client_id' parameter.</p>", Verdict::ClientUnknown},
        {"keycloak", 400, "<h1>We are sorry...</h1><p id=\"instruction1\">Invalid parameter: redirect_uri</p>",
         Verdict::Rejected},
        {"keycloak", 400, "<h1>We are sorry...</h1><p>Client not found.</p>", Verdict::ClientUnknown},
        {"keycloak", 200, "<form id=\"kc-form-login\" action=\"/realms/x/login-actions/authenticate?session_code=1\">",
         Verdict::Accepted},
        {"auth0", 400,
         "<h2>Callback URL mismatch.</h2><p>The provided redirect_uri is not in the list of allowed callback URLs.</p>",
         Verdict::Rejected},
        {"auth0", 400, "<p>Unknown client: abc</p>", Verdict::ClientUnknown},
        {"google", 400, "<p>Error 400: redirect_uri_mismatch</p>", Verdict::Rejected},
        {"google", 401, "<p>Error 401: invalid_client</p><p>The OAuth client was not found.</p>",
         Verdict::ClientUnknown},
        {"adfs", 400,
         "<span>MSIS9224: Received invalid OAuth authorization request. The received 'redirect_uri' parameter is not a "
         "valid registered redirect URI</span>",
         Verdict::Rejected},
        {"adfs", 400,
         "<span>MSIS9223: Received invalid OAuth authorization request. The received 'client_id' is invalid</span>",
         Verdict::ClientUnknown},
        {"adfs", 200, "<form id=\"loginForm\" action=\"/adfs/oauth2/authorize/\">", Verdict::Accepted},
        {"adfs", 500, "<p>An error occurred. Contact your administrator for more information.</p>",
         Verdict::Inconclusive},
    };
    for (auto& c : cases) {
      CAPTURE(c.dialect);
      CAPTURE(c.body);
      auto v = classify_authorize(c.dialect, test::http_reply(c.status, c.body), kRedirect);
      CHECK(v.verdict == c.want);
      if (c.want == Verdict::Rejected || c.want == Verdict::ClientUnknown) CHECK_FALSE(v.detail.empty());
    }
  }

  TEST_CASE("token: the bogus-code exchange has three outcomes") {
    auto tok = [](long status, const std::string& body, const char* dialect = "generic") {
      return classify_token(dialect, test::http_reply(status, body));
    };
    CHECK(tok(400, R"({"error":"invalid_grant","error_description":"grant request is invalid"})").verdict ==
          SecretVerdict::Accepted);
    CHECK(tok(401, R"({"error":"invalid_client","error_description":"client authentication failed"})").verdict ==
          SecretVerdict::Invalid);
    auto expired = tok(
        401,
        R"({"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app 'abc' are expired.\r\nTrace ID: 1"})",
        "entra");
    CHECK(expired.verdict == SecretVerdict::Expired);
    CHECK(expired.detail.find("Trace ID") == std::string::npos);
    CHECK(tok(401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."})",
              "entra")
              .verdict == SecretVerdict::Invalid);
    CHECK(
        tok(400,
            R"({"error":"invalid_grant","error_description":"AADSTS9002313: Invalid request. Request is malformed or invalid."})",
            "entra")
            .verdict == SecretVerdict::Inconclusive);
    CHECK(
        tok(400,
            R"({"error":"invalid_grant","error_description":"AADSTS70000: The provided value for the 'code' parameter is not valid."})",
            "entra")
            .verdict == SecretVerdict::Accepted);
    CHECK(tok(400,
              R"({"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"})",
              "keycloak")
              .verdict == SecretVerdict::Invalid);
    CHECK(tok(401, R"({"error":"access_denied","error_description":"Unauthorized"})", "auth0").verdict ==
          SecretVerdict::Invalid);
    CHECK(tok(400, R"({"error":"invalid_request","error_description":"no client authentication mechanism provided"})")
              .verdict == SecretVerdict::Inconclusive);
    CHECK(tok(502, "<html>Bad gateway</html>").verdict == SecretVerdict::Inconclusive);
  }

  TEST_CASE("discovery document checks") {
    CHECK(ids(check_discovery_document(good_doc(), kFacts)).empty());
    auto doc = good_doc();
    doc["issuer"] = "https://idp.example.com/";  // the URL cannot say whether the issuer ends with "/"
    CHECK(ids(check_discovery_document(doc, kFacts)).empty());
    doc["issuer"] = "http://idp.example.com";
    auto issues = check_discovery_document(doc, kFacts);
    REQUIRE(ids(issues) == std::vector<std::string>{"OD3005"});
    CHECK(issues[0].message.find("(http instead of https)") != std::string::npos);
    doc["issuer"] = "https://IDP.example.com";
    CHECK(check_discovery_document(doc, kFacts)[0].message.find("letter case") != std::string::npos);
    // Entra names the tenant by domain in the URL, by id in the issuer: not a mismatch.
    auto entra = good_doc("https://login.microsoftonline.com/0b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b/v2.0");
    Idp ef{"https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration", "entra",
           true, true};
    entra.erase("code_challenge_methods_supported");  // Entra does not advertise it
    CHECK_FALSE(has(ids(check_discovery_document(entra, ef)), "OD3005"));
    CHECK_FALSE(has(ids(check_discovery_document(entra, ef)), "OD3009"));

    doc = good_doc();
    doc.erase("jwks_uri");
    doc["token_endpoint"] = "not a url";
    issues = check_discovery_document(doc, kFacts);
    REQUIRE(has(ids(issues), "OD3006"));
    CHECK(issues[0].message.find("missing jwks_uri") != std::string::npos);
    CHECK(issues[0].message.find("token_endpoint") != std::string::npos);

    doc = good_doc();
    doc["userinfo_endpoint"] = "http://idp.example.com/me";
    CHECK(has(ids(check_discovery_document(doc, kFacts)), "OD3007"));
    auto local = good_doc("http://127.0.0.1:8080");
    CHECK_FALSE(has(ids(check_discovery_document(
                        local, {"http://127.0.0.1:8080/.well-known/openid-configuration", "generic", true, true})),
                    "OD3007"));

    doc = good_doc();
    doc["code_challenge_methods_supported"] = {"plain"};
    CHECK(has(ids(check_discovery_document(doc, kFacts)), "OD3008"));
    doc.erase("code_challenge_methods_supported");
    CHECK(has(ids(check_discovery_document(doc, kFacts)), "OD3009"));

    doc = good_doc();
    doc["grant_types_supported"] = {"authorization_code", "implicit"};
    doc["scopes_supported"] = {"openid", "profile"};
    auto v = ids(check_discovery_document(doc, kFacts));
    CHECK(has(v, "OD3010"));
    CHECK(has(v, "OD3011"));
    // What a list leaves out is not advertised, a note: never an error or a warning.
    for (auto& f : check_discovery_document(doc, kFacts))
      if (f.rule->id == "OD3010" || f.rule->id == "OD3011") {
        CAPTURE(f.message);
        CHECK(f.severity == Severity::Info);
        CHECK(f.message.find("is not advertised") != std::string::npos);
        CHECK(f.predicted_errors.empty());
      }
    CHECK_FALSE(has(ids(check_discovery_document(doc, {kFacts.metadata_url, "generic", false, true})), "OD3010"));
    // Google asks for refresh tokens with access_type=offline, not a scope.
    CHECK_FALSE(has(ids(check_discovery_document(doc, {kFacts.metadata_url, "google", true, true})), "OD3011"));

    doc = good_doc();
    doc.erase("end_session_endpoint");
    doc["token_endpoint_auth_methods_supported"] = {"private_key_jwt"};
    doc["token_endpoint"] = "https://tokens.example.net/token";
    v = ids(check_discovery_document(doc, kFacts));
    CHECK(has(v, "OD3012"));
    CHECK(has(v, "OD3013"));
    CHECK(has(v, "OD3014"));
  }

  TEST_CASE("JWKS checks") {
    CHECK(ids(check_jwks_document(
                  R"({"keys":[{"kty":"EC","kid":"ec-1","use":"sig","alg":"ES256","crv":"P-256","x":"a","y":"b"}]})"))
              .empty());
    CHECK(ids(check_jwks_document(R"({"issuer":"x"})")) == std::vector<std::string>{"OD3102"});
    CHECK(has(ids(check_jwks_document(R"({"keys":[]})")), "OD3102"));
    CHECK(
        has(ids(check_jwks_document(R"({"keys":[{"kty":"EC","kid":"k","crv":"P-256","x":"a","y":"b","d":"secret"}]})")),
            "OD3103"));
    CHECK(has(
        ids(check_jwks_document(
            R"({"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"},{"kty":"EC","kid":"e","crv":"P-256","x":"a","y":"b"}]})")),
        "OD3104"));
    CHECK(has(
        ids(check_jwks_document(
            R"({"keys":[{"kty":"EC","kid":"k","crv":"P-256","x":"a","y":"b"},{"kty":"EC","kid":"k","crv":"P-256","x":"c","y":"d"}]})")),
        "OD3105"));
    std::string n1024(171, 'A'), n2048(342, 'A');
    CHECK(has(ids(check_jwks_document(R"({"keys":[{"kty":"RSA","kid":"w","e":"AQAB","n":")" + n1024 + "\"}]}")),
              "OD3106"));
    CHECK(
        ids(check_jwks_document(R"({"keys":[{"kty":"RSA","kid":"s","e":"AQAB","alg":"RS256","n":")" + n2048 + "\"}]}"))
            .empty());
    CHECK(has(
        ids(check_jwks_document(R"({"keys":[{"kty":"RSA","kid":"s","e":"AQAB","alg":"none","n":")" + n2048 + "\"}]}")),
        "OD3106"));
  }

  TEST_CASE("small helpers: issuer, http, origins, content types") {
    CHECK(expected_issuer("https://a.example/realms/x/.well-known/openid-configuration") ==
          "https://a.example/realms/x");
    CHECK(expected_issuer("https://a.example/metadata") == "");
    CHECK(insecure_http("http://idp.example.com/x"));
    CHECK_FALSE(insecure_http("http://127.0.0.2:8080/x"));
    CHECK_FALSE(insecure_http("http://localhost/x"));
    CHECK_FALSE(usable_endpoint("ftp://idp.example.com/x"));
    CHECK(origin_of("https://IdP.example.com/a") == "https://idp.example.com:443");
    CHECK(origin_of("https://idp.example.com:443/b") == origin_of("https://idp.example.com/c"));
    CHECK(is_json_content_type("application/json; charset=utf-8"));
    CHECK(is_json_content_type("application/jwk-set+json"));
    CHECK_FALSE(is_json_content_type("text/html"));
    CHECK(page_text("<p>a&amp;b</p>\n<script>x()</script><b>c&#39;d</b>") == "a&b c'd");
    CHECK(percent_decode("a%20b+c%2F", true) == "a b c/");
  }

  TEST_CASE("proxy answers: a proxy's own refusal is told from the server's answer it relays") {
    // squid 5.7's answers, as observed (tests/peers/OBSERVED.md).
    Headers squid_auth = {{"server", "squid/5.7"},
                          {"proxy-authenticate", "Basic realm=\"oidc-doctor test proxy\""},
                          {"x-squid-error", "ERR_CACHE_ACCESS_DENIED 0"}};
    Headers squid_deny = {{"server", "squid/5.7"}, {"x-squid-error", "ERR_ACCESS_DENIED 0"}};
    CHECK(proxy_refusal(407, squid_auth, false) ==
          "the proxy refused the request: it wants credentials, scheme Basic (HTTP 407 from the proxy; "
          "X-Squid-Error: ERR_CACHE_ACCESS_DENIED 0)");
    CHECK(proxy_refusal(407, squid_auth, true) ==
          "the proxy refused the tunnel: it wants credentials, scheme Basic (CONNECT answered 407; "
          "X-Squid-Error: ERR_CACHE_ACCESS_DENIED 0)");
    CHECK(proxy_refusal(403, squid_deny, false) ==
          "the proxy refused the request (HTTP 403 from the proxy; X-Squid-Error: ERR_ACCESS_DENIED 0)");
    CHECK(proxy_refusal(403, {}, true) == "the proxy refused the tunnel (CONNECT answered 403)");
    // Without the proxy's marker a plain-http 403 or 400 is the server's own answer, relayed.
    CHECK(proxy_refusal(403, {{"server", "nginx"}}, false).empty());
    CHECK(proxy_refusal(400, {{"content-type", "application/json"}}, false).empty());
    CHECK(proxy_refusal(200, squid_deny, false).empty());
    CHECK(proxy_refusal(200, {}, true).empty());
    // Every scheme a 407 names, across headers and within one, parameters and quotes skipped.
    Headers several = {{"proxy-authenticate", "Negotiate"},
                       {"proxy-authenticate", "NTLM, Basic realm=\"a, b\", charset=\"UTF-8\""},
                       {"proxy-authenticate", "Digest realm=\"x\", nonce=\"abc==\", qop=\"auth\", Basic realm=\"y\""},
                       {"www-authenticate", "Bearer"}};
    CHECK(auth_schemes(several, "proxy-authenticate") ==
          std::vector<std::string>{"Negotiate", "NTLM", "Basic", "Digest"});
    CHECK(proxy_refusal(407, several, false) ==
          "the proxy refused the request: it wants credentials, schemes Negotiate, NTLM, Basic, Digest (HTTP 407 from "
          "the proxy)");
    CHECK(proxy_refusal(407, {}, false) ==
          "the proxy refused the request: it wants credentials, without naming a scheme (HTTP 407 from the proxy)");
    // Junk never makes a scheme, and nothing crashes on it.
    CHECK(auth_schemes({{"proxy-authenticate", ",,, =x, \"unterminated"}}, "proxy-authenticate").empty());
    CHECK(auth_schemes({{"proxy-authenticate", std::string("Basic\x01x")}}, "proxy-authenticate").empty());
  }

  TEST_CASE("routes: each environment's proxy and bypass list, never the process environment") {
    Environment env;
    env.name.value = "dev";
    CHECK(route_for(env, "https://idp.example.com/x").label == "direct");
    env.proxy.state = Proxy::State::Set;
    env.proxy.address.value = "http://proxy.acme.com:3128";
    env.proxy.bypass = LList{{}, {{"*.acme.local", {}}, {"idp.internal", {}}, {"<local>", {}}}};
    auto r = route_for(env, "https://idp.example.com/x");
    CHECK(r.proxy == "http://proxy.acme.com:3128");
    CHECK(r.label == "proxy http://proxy.acme.com:3128");
    CHECK(route_for(env, "https://sso.acme.local/x").proxy.empty());
    CHECK(route_for(env, "https://IDP.internal/x").label == "direct (bypass idp.internal)");
    CHECK(route_for(env, "http://intranet/x").proxy.empty());
    CHECK(bypassed("a.b.acme.local", ".acme.local"));
    CHECK(bypassed("10.1.2.3", "10.*"));
    CHECK_FALSE(bypassed("acme.local.evil.com", "*.acme.local"));
  }

  TEST_CASE("recordings never hold the secret, the code, cookies or private keys") {
    HttpRequest rq;
    rq.method = "POST";
    rq.url = "https://idp.example.com/token";
    rq.headers = {{"Authorization", "Basic d2ViOnMzY3JldA=="}, {"Content-Type", "application/x-www-form-urlencoded"}};
    rq.body = "grant_type=authorization_code&code=od-preflight-abc&client_id=web&client_secret=s3cret%2Bvalue";
    rq.secrets = {"s3cret+value", "s3cret%2Bvalue"};
    rq.match_key = "token|web|https://idp.example.com/token";
    HttpResponse rs =
        test::http_reply(200, R"({"keys":[{"kty":"EC","kid":"k","d":"PRIVATE-D","x":"a"}],"note":"s3cret+value"})",
                         {{"set-cookie", "sid=abc; HttpOnly"}});
    Exchange x = redact_exchange(rq, rs);
    std::string all = x.request.url + x.request.body + x.response.body;
    for (auto& [k, v] : x.request.headers) all += v;
    for (auto& [k, v] : x.response.headers) all += v;
    CHECK(all.find("s3cret") == std::string::npos);
    CHECK(all.find("d2ViOnMzY3JldA") == std::string::npos);
    CHECK(all.find("od-preflight-abc") == std::string::npos);
    CHECK(all.find("PRIVATE-D") == std::string::npos);
    CHECK(all.find("sid=abc") == std::string::npos);
    CHECK(x.response.body.find("\"d\"") != std::string::npos);  // the member stays: replay still sees the leak
    CHECK(x.request.headers[0].second == "Basic [redacted]");

    Recording rec;
    rec.label = "built from documented behaviour";
    rec.date = "2026-11-22";
    rec.config_name = "cfg.yaml";
    x.response.cert = CertInfo{
        "CN=idp", "CN=ca", "2026-01-01 00:00:00 UTC", "2027-01-01 00:00:00 UTC", 1798761600, {"DNS:idp"}, 0, ""};
    rec.exchanges.push_back(x);
    std::string dir = test::temp_dir() + "/rec-roundtrip";
    REQUIRE_FALSE(save_recording(dir, rec, "version: 1\n").has_value());
    auto back = load_recording(dir);
    REQUIRE(back.ok());
    REQUIRE(back->exchanges.size() == 1);
    CHECK(back->label == rec.label);
    CHECK(back->exchanges[0].request.match_key == rq.match_key);
    CHECK(back->exchanges[0].response.header("set-cookie") == "[redacted]");
    REQUIRE(back->exchanges[0].response.cert);
    CHECK(back->exchanges[0].response.cert->not_after_epoch == 1798761600);
    CHECK_FALSE(load_recording(test::temp_dir() + "/no-such-recording").ok());
  }

  TEST_CASE("replay answers by key and says so when a request is not recorded") {
    Recording rec;
    HttpRequest rq;
    rq.match_key = "k1";
    rec.exchanges.push_back({rq, test::http_reply(200, "one")});
    auto t = make_replay_transport(rec);
    std::vector<std::string> got;
    HttpRequest a, b;
    a.match_key = "k1";
    b.match_key = "k2";
    t->submit(a, [&](const HttpResponse& r) { got.push_back(r.ok() ? r.body : "failed: " + r.error); });
    t->submit(b, [&](const HttpResponse& r) { got.push_back(r.ok() ? r.body : "failed: " + r.error); });
    t->run();
    CHECK(got == std::vector<std::string>{"one", "failed: this request is not in the recording"});
  }

  TEST_CASE("orchestration: one token exchange per client, and only to the issuer's origin") {
    const std::string base = "http://127.0.0.1:9999";
    auto cfg = load(
        test::generic_config(base, "web-basic", {{"a", "https://a.example.test"}, {"b", "https://b.example.test"}}));
    Scripted net;
    auto doc = good_doc(base);
    net.reply = [&](const HttpRequest& r) {
      if (r.probe == "discovery") return test::http_reply(200, doc.dump(), {{"content-type", "application/json"}});
      if (r.probe == "jwks")
        return test::http_reply(200, R"({"keys":[{"kty":"EC","kid":"e","crv":"P-256","x":"a","y":"b"}]})");
      if (r.probe == "authorize") return test::http_reply(303, "", {{"location", "/interaction/x"}});
      return test::http_reply(401, R"({"error":"invalid_client","error_description":"client authentication failed"})");
    };
    auto findings = preflight_findings(cfg, net, {*Date::parse("2026-11-22")});
    int tokens = 0, discovery = 0;
    for (auto& r : net.asked) {
      tokens += r.probe == "token";
      discovery += r.probe == "discovery";
      if (r.probe == "token") {
        CHECK(r.headers.back().first == "Authorization");
        CHECK(r.body.find("s3cret") == std::string::npos);  // Basic: the secret is not in the body
      }
    }
    CHECK(tokens == 1);
    CHECK(discovery == 1);  // both environments go direct: one request answers both
    Scripted again;
    again.reply = net.reply;
    Facts shared = run_probes(cfg, again, {*Date::parse("2026-11-22")});
    CHECK(shared.targets[0].discovery[1].fetched_by == 0);
    CHECK(shared.targets[0].working() == std::vector<size_t>{0, 1});
    // Canaries: two per client and route (both environments go direct), one at the token
    // endpoint, never with the real client id and secret there.
    int authorize_canaries = 0, token_canaries = 0;
    for (auto& r : net.asked) {
      authorize_canaries += r.probe == "canary-authorize";
      if (r.probe != "canary-token") continue;
      ++token_canaries;
      const std::string auth = r.headers.back().second;
      CHECK(base64_decode_lenient(auth.substr(6)).starts_with("od-canary-"));
      CHECK(auth.find(base64_encode("web-basic:")) == std::string::npos);
      CHECK(r.body.find("s3cret") == std::string::npos);
      CHECK(r.secrets.size() == 2);
    }
    CHECK(authorize_canaries == 2);
    CHECK(token_canaries == 1);
    REQUIRE(rule_ids(findings) == std::vector<std::string>{"OD3401"});
    CHECK(findings[0].location.pos.line == 10);  // the client_secret value
    CHECK(findings[0].message.find("s3cret") == std::string::npos);

    // A document naming a token endpoint elsewhere does not get the secret.
    doc["token_endpoint"] = "https://collector.example.net/token";
    Scripted net2;
    net2.reply = net.reply;
    findings = preflight_findings(cfg, net2, {*Date::parse("2026-11-22")});
    for (auto& r : net2.asked) CHECK(r.probe != "token");
    auto got = rule_ids(findings);
    CHECK(std::count(got.begin(), got.end(), "OD3404") == 1);
  }

  TEST_CASE("orchestration: an environment failing where another's route works is reported with both paths") {
    const std::string base = "http://127.0.0.1:9999";
    auto cfg = load(test::generic_config(base, "web-basic",
                                         {{"a", "https://a.example.test", "proxy: { address: 'http://proxy:3128' }"},
                                          {"b", "https://b.example.test", "proxy: none"}}));
    Scripted net;
    net.reply = [&](const HttpRequest& r) {
      if (r.route.proxy.empty()) {
        HttpResponse f;
        f.failure = Failure::Connect;
        f.error = "Couldn't connect to server";
        return f;
      }
      if (r.probe == "discovery")
        return test::http_reply(200, good_doc(base).dump(), {{"content-type", "application/json"}});
      if (r.probe.starts_with("canary-")) return refused_canary(r);
      if (r.probe == "authorize") return test::http_reply(303, "", {{"location", "/login"}});
      if (r.probe == "token") return test::http_reply(400, R"({"error":"invalid_grant"})");
      return test::http_reply(200, R"({"keys":[{"kty":"EC","kid":"e","crv":"P-256","x":"a","y":"b"}]})");
    };
    auto findings = preflight_findings(cfg, net, {*Date::parse("2026-11-22")});
    REQUIRE(rule_ids(findings) == std::vector<std::string>{"OD3501"});
    CHECK(findings[0].environment == "b");
    CHECK(findings[0].message.find("(direct)") != std::string::npos);
    CHECK(findings[0].message.find("(proxy http://proxy:3128)") != std::string::npos);
  }

  TEST_CASE("orchestration: plain http to a non-loopback host is never sent") {
    auto cfg = load(test::generic_config("http://idp.example.com", "web-basic", {{"a", "https://a.example.test"}}));
    Scripted net;
    net.reply = [](const HttpRequest&) { return test::http_reply(200, "{}"); };
    auto findings = preflight_findings(cfg, net, {*Date::parse("2026-11-22")});
    CHECK(net.asked.empty());
    CHECK(rule_ids(findings) == std::vector<std::string>{"OD3601"});
  }

  TEST_CASE("facts: a probe never started because discovery failed is told apart from one that answered") {
    const std::string base = "http://127.0.0.1:9999";
    auto cfg = load(test::generic_config(base, "web-basic",
                                         {{"a", "https://a.example.test", "proxy: { address: 'http://proxy:3128' }"},
                                          {"b", "https://b.example.test", "proxy: none"}}));
    Scripted net;
    net.reply = [&](const HttpRequest& r) {
      if (r.environment == "b") {  // environment b cannot reach the IdP at all
        HttpResponse f;
        f.failure = Failure::Connect;
        f.error = "Couldn't connect to server";
        return f;
      }
      if (r.probe == "discovery")
        return test::http_reply(200, good_doc(base).dump(), {{"content-type", "application/json"}});
      if (r.probe.starts_with("canary-")) return refused_canary(r);
      if (r.probe == "authorize") return test::http_reply(303, "", {{"location", "/interaction/x"}});
      if (r.probe == "token") return test::http_reply(400, R"({"error":"invalid_grant"})");
      return test::http_reply(200, R"({"keys":[{"kty":"EC","kid":"e","crv":"P-256","x":"a","y":"b"}]})");
    };
    Facts facts = run_probes(cfg, net, {*Date::parse("2026-11-22")});
    REQUIRE(facts.targets.size() == 1);
    const Target& t = facts.targets[0];
    REQUIRE(t.discovery.size() == 2);
    CHECK(t.discovery[0].document.has_value());
    CHECK(t.discovery[0].route.label == "proxy http://proxy:3128");
    REQUIRE(t.discovery[1].response.has_value());
    CHECK(t.discovery[1].response->failure == Failure::Connect);
    CHECK(t.discovery[0].fetched_by == 0);  // each route its own request
    CHECK(t.discovery[1].fetched_by == 1);
    CHECK_FALSE(t.discovery[1].document.has_value());
    CHECK(t.working() == std::vector<size_t>{0});
    CHECK(t.jwks.started);
    CHECK(t.jwks.environment == "a");
    int answered = 0, not_reached = 0;
    for (auto& p : t.authorize) {
      if (p.environment == "a") {
        CHECK(p.started);
        REQUIRE(p.verdict.has_value());
        CHECK(p.verdict->verdict == Verdict::Accepted);
        ++answered;
      } else if (p.environment == "b") {
        CHECK_FALSE(p.started);
        CHECK_FALSE(p.verdict.has_value());
        ++not_reached;
      }
    }
    CHECK(answered > 0);
    CHECK(not_reached > 0);
    REQUIRE(t.tokens.size() == 1);
    CHECK(t.tokens[0].state == TokenProbe::State::Sent);
    CHECK(t.tokens[0].environment == "a");
    CHECK(t.tokens[0].method == "client_secret_basic");
    REQUIRE(t.tokens[0].verdict.has_value());
    CHECK(t.tokens[0].verdict->verdict == SecretVerdict::Accepted);

    // No environment reads the document: the later probes stay not reached.
    Scripted down;
    down.reply = [](const HttpRequest&) {
      HttpResponse f;
      f.failure = Failure::Dns;
      f.error = "Could not resolve host";
      return f;
    };
    facts = run_probes(cfg, down, {*Date::parse("2026-11-22")});
    const Target& d = facts.targets[0];
    CHECK(d.working().empty());
    CHECK_FALSE(d.jwks.started);
    for (auto& p : d.authorize) CHECK_FALSE(p.started);
    CHECK(d.tokens[0].state == TokenProbe::State::NotReached);
    for (auto& r : down.asked) CHECK(r.probe == "discovery");
  }

  TEST_CASE("probe rules: a client the IdP does not know is reported once, and its secret is not judged") {
    const std::string base = "http://127.0.0.1:9999";
    auto cfg = load(
        test::generic_config(base, "web-basic", {{"a", "https://a.example.test"}, {"b", "https://b.example.test"}}));
    Scripted net;
    net.reply = [&](const HttpRequest& r) {
      if (r.probe == "discovery")
        return test::http_reply(200, good_doc(base).dump(), {{"content-type", "application/json"}});
      if (r.probe == "jwks")
        return test::http_reply(200, R"({"keys":[{"kty":"EC","kid":"e","crv":"P-256","x":"a","y":"b"}]})");
      if (r.probe == "authorize") return test::http_reply(400, node_page("invalid_client", "client is invalid"));
      return test::http_reply(401, R"({"error":"invalid_client","error_description":"client authentication failed"})");
    };
    auto findings = preflight_findings(cfg, net, {*Date::parse("2026-11-22")});
    // Every authorize probe (two environments) and the token probe say "unknown client".
    CHECK(rule_ids(findings) == std::vector<std::string>{"OD3302"});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("client is invalid") != std::string::npos);
    CHECK(findings[0].key == "OD3302||web_client|web-basic");
  }
}
