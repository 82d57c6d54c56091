// The provider registry (src/providers/) and the probes' classification through the error
// catalogue: behaviour facts come from one unit per provider, wordings only from the catalogue.
#include <doctest/doctest.h>

#include <set>

#include "catalogue/catalogue.h"
#include "config/schema.h"
#include "core/category.h"
#include "core/text.h"
#include "probes/classify.h"
#include "probes_support.h"
#include "providers/provider.h"

using namespace od;
using namespace od::probes;

namespace {

const std::string kCallback = "https://app.example.test/oidc/callback";

std::vector<std::string_view> enum_values(std::string_view object, std::string_view key) {
  const schema::Field* f = nullptr;
  for (auto& field : schema::root().fields)
    if (field.key == object && field.object) f = field.object->find(key);
  REQUIRE(f);
  return {f->values.begin(), f->values.end()};
}

}  // namespace

TEST_SUITE("providers") {
  TEST_CASE("registry: one unit per kind, and the schema lists exactly those kinds and templates") {
    std::set<std::string_view> seen;
    for (auto* p : providers::registry()) {
      CAPTURE(p->kind);
      CHECK(seen.insert(p->kind).second);
      CHECK_FALSE(p->display.empty());
      CHECK_FALSE(p->login_markers.empty());  // every unit can tell a sign-in page
      CHECK(providers::find(p->kind) == p);
      for (auto& h : p->inconclusive_hints) {
        CHECK(is_category(h.category));
        CHECK_FALSE(catalogue::predicted(p->kind, h.category).empty());
      }
    }
    CHECK(seen.size() >= 12);
    CHECK(providers::registry().back()->kind == "generic");
    auto kinds = providers::kinds();
    CHECK(std::vector<std::string_view>(kinds.begin(), kinds.end()) == enum_values("provider", "kind"));
    auto templates = providers::template_names();
    CHECK(std::vector<std::string_view>(templates.begin(), templates.end()) == enum_values("integrations", "template"));
    CHECK(providers::template_kind("azure") == "entra");
    CHECK(providers::template_kind("custom") == "generic");
    CHECK_FALSE(providers::template_kind("nope"));
    CHECK(providers::info("no-such-kind").kind == "generic");
    CHECK(providers::find("no-such-kind") == nullptr);
  }

  TEST_CASE("registry: issuer shapes, shared tenants and tenant aliases") {
    CHECK(providers::kind_from_issuer("https://login.microsoftonline.com/2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b/v2.0") ==
          "entra");
    CHECK(providers::kind_from_issuer("https://STS.windows.net/2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b/") == "entra");
    CHECK(providers::kind_from_issuer("https://dev-123.okta.com/oauth2/default") == "okta");
    CHECK(providers::kind_from_issuer("https://sso.example.com/realms/acme") == "keycloak");
    CHECK(providers::kind_from_issuer("https://acme.eu.auth0.com/") == "auth0");
    CHECK(providers::kind_from_issuer("https://accounts.google.com") == "google");
    CHECK(providers::kind_from_issuer("https://idp.example.com") == "generic");
    CHECK(providers::kind_from_issuer("not a url at all") == "generic");
    CHECK(providers::kind_from_issuer("") == "generic");

    CHECK(providers::is_shared_tenant_url("entra", "https://login.microsoftonline.com/organizations/v2.0"));
    CHECK(providers::is_shared_tenant_url("entra", "https://login.microsoftonline.com/Common/v2.0"));
    CHECK_FALSE(providers::is_shared_tenant_url("entra", "https://login.microsoftonline.com/contoso.com/v2.0"));
    CHECK_FALSE(providers::is_shared_tenant_url("okta", "https://login.microsoftonline.com/common/v2.0"));
    const std::string by_id = "https://login.microsoftonline.com/2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b/v2.0";
    const std::string by_domain = "https://login.microsoftonline.com/contoso.com/v2.0";
    CHECK(providers::is_tenant_alias("entra", by_id, by_domain));
    CHECK_FALSE(providers::is_tenant_alias("entra", by_domain, by_id));
    CHECK_FALSE(providers::is_tenant_alias("entra", by_id, "https://login.microsoftonline.com/contoso.com/v1.0"));
    CHECK_FALSE(providers::is_tenant_alias("keycloak", by_id, by_domain));
    CHECK_FALSE(providers::is_tenant_alias("entra", "::", ""));

    CHECK_FALSE(providers::info("entra").advertises_pkce_methods);
    CHECK(providers::info("okta").advertises_pkce_methods);
    CHECK(providers::is_entra_login_host("LOGIN.microsoftonline.com"));
    CHECK_FALSE(providers::is_entra_login_host("sts.windows.net"));  // an issuer host, not a login host
  }

  TEST_CASE("registry: trailing-wildcard redirect URIs") {
    CHECK(providers::info("keycloak").trailing_wildcard_redirects);
    CHECK_FALSE(providers::info("entra").trailing_wildcard_redirects);
    CHECK(providers::trailing_wildcard_matches("https://a.test/app/*", "https://a.test/app/cb?x=1"));
    CHECK(providers::trailing_wildcard_matches("https://a.test/app/*", "https://a.test/app"));
    CHECK_FALSE(providers::trailing_wildcard_matches("https://a.test/app/*", "https://b.test/app/cb"));
    CHECK_FALSE(providers::trailing_wildcard_matches("https://a.test/*?x=1", "https://a.test/cb?x=1"));
    CHECK_FALSE(providers::trailing_wildcard_matches("https://a.test/a*b", "https://a.test/axb"));
    CHECK(providers::trailing_wildcard_matches("https://a.test/cb", "https://a.test/cb"));
  }

  TEST_CASE("registry: refresh scopes and claim caveats") {
    CHECK(providers::refresh_scope("entra") == "offline_access");
    CHECK(providers::refresh_scope("snowflake") == "refresh_token");
    CHECK_FALSE(providers::refresh_scope("google"));
    CHECK_FALSE(providers::refresh_scope("github"));
    CHECK(providers::refresh_scope("no-such-kind") == "offline_access");
    CHECK(providers::claim_caveat("generic", "entra", "email"));
    CHECK_FALSE(providers::claim_caveat("generic", "okta", "email"));
    CHECK(providers::claim_caveat("outsystems", "okta", "sub"));  // the platform's caveat, any provider
    CHECK_FALSE(providers::claim_caveat("generic", "okta", "sub"));
    CHECK(providers::claim_caveat("generic", "google", "preferred_username"));
  }
}

TEST_SUITE("probes") {
  TEST_CASE("classify: the verdict comes from the matched catalogue entry's category") {
    auto entra = classify_authorize(
        "entra",
        test::http_reply(
            200,
            R"(<script>$Config={"strServiceExceptionMessage":"AADSTS50011: The redirect URI 'https://x/cb' specified in the request does not match the redirect URIs configured for the application 'abc'."};</script>)"),
        kCallback);
    CHECK(entra.verdict == Verdict::Rejected);
    REQUIRE(entra.entry);
    CHECK(entra.entry->code == "AADSTS50011");
    CHECK(entra.entry->category == "redirect-uri-mismatch");
    CHECK(entra.detail.starts_with("AADSTS50011: The redirect URI"));

    // A code of the provider's family that the catalogue does not hold: inconclusive, code quoted.
    auto uncatalogued =
        classify_authorize("entra", test::http_reply(400, "<p>AADSTS9999991: Something new happened.</p>"), kCallback);
    CHECK(uncatalogued.verdict == Verdict::Inconclusive);
    CHECK(uncatalogued.entry == nullptr);
    CHECK(uncatalogued.detail.find("AADSTS9999991") != std::string::npos);

    // A catalogued error of another category: inconclusive, with the entry.
    auto tenant =
        classify_authorize("entra", test::http_reply(400, "<p>AADSTS90002: Tenant 'x' not found.</p>"), kCallback);
    CHECK(tenant.verdict == Verdict::Inconclusive);
    REQUIRE(tenant.entry);
    CHECK(tenant.entry->category == "tenant-mismatch");

    // Another provider's wording is not read as this provider's.
    const std::string keycloak_page = "<h1>We are sorry...</h1><p>Invalid parameter: redirect_uri</p>";
    CHECK(classify_authorize("keycloak", test::http_reply(400, keycloak_page), kCallback).verdict == Verdict::Rejected);
    auto elsewhere = classify_authorize("okta", test::http_reply(400, keycloak_page), kCallback);
    CHECK(elsewhere.verdict == Verdict::Inconclusive);
    CHECK(elsewhere.entry == nullptr);
  }

  TEST_CASE("classify: a provider-neutral answer with only the RFC fields reads the same for every provider") {
    for (auto* p : providers::registry()) {
      CAPTURE(p->kind);
      // The generic error page layout: RFC 6749 fields, no provider wording.
      auto unknown = classify_authorize(
          p->kind,
          test::http_reply(400, "<pre>error: invalid_client</pre><pre>error_description: no such client</pre>"),
          kCallback);
      CHECK(unknown.verdict == Verdict::ClientUnknown);
      CHECK(unknown.detail == "invalid_client: no such client");
      auto mismatch = classify_authorize(
          p->kind,
          test::http_reply(302, "", {{"location", "https://idp.example.test/error?error=redirect_uri_mismatch"}}),
          kCallback);
      CHECK(mismatch.verdict == Verdict::Rejected);
      REQUIRE(mismatch.entry);
      CHECK(mismatch.entry->provider == "generic");
      auto other = classify_authorize(
          p->kind,
          test::http_reply(400, "<pre>error: invalid_scope</pre><pre>error_description: unknown scope x</pre>"),
          kCallback);
      CHECK(other.verdict == Verdict::Inconclusive);
      CHECK(other.detail == "the IdP answered invalid_scope: unknown scope x");
      CHECK(classify_token(p->kind, test::http_reply(400, R"({"error":"invalid_grant"})")).verdict ==
            SecretVerdict::Accepted);
      auto bad = classify_token(p->kind, test::http_reply(401, R"({"error":"invalid_client"})"));
      CHECK(bad.verdict == SecretVerdict::Invalid);
      CHECK(rejected_secret_hint(bad) == "; some IdPs answer this way for an unknown client id too");
      CHECK(classify_token(p->kind, test::http_reply(400, R"({"error":"invalid_scope"})")).verdict ==
            SecretVerdict::Inconclusive);
    }
  }

  TEST_CASE("classify: login pages are told by the provider unit's markers") {
    const std::string okta_page = "<div id=\"okta-sign-in\"></div><script>new OktaSignIn({})</script>";
    CHECK(classify_authorize("okta", test::http_reply(200, okta_page), kCallback).verdict == Verdict::Accepted);
    CHECK(classify_authorize("keycloak", test::http_reply(200, okta_page), kCallback).verdict == Verdict::Inconclusive);
    const std::string form = "<form method=post><input type=\"password\" name=\"pw\"></form>";
    CHECK(classify_authorize("ping", test::http_reply(200, form), kCallback).verdict == Verdict::Accepted);
    CHECK(classify_authorize("entra", test::http_reply(200, form), kCallback).verdict == Verdict::Inconclusive);
  }

  TEST_CASE("classify: token answers map categories, and the entry is kept for the rules") {
    auto expired = classify_token(
        "entra",
        test::http_reply(
            401,
            R"({"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app 'abc' are expired."})"));
    CHECK(expired.verdict == SecretVerdict::Expired);
    REQUIRE(expired.entry);
    CHECK(expired.entry->category == "client-secret-expired");
    auto id_pasted = classify_token(
        "entra",
        test::http_reply(
            401,
            R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."})"));
    CHECK(id_pasted.verdict == SecretVerdict::Invalid);
    CHECK(rejected_secret_hint(id_pasted).find("ID was probably pasted") != std::string::npos);
    // Google's unknown client at the token endpoint, in the catalogue's wording.
    auto google = classify_token(
        "google",
        test::http_reply(401, R"({"error":"invalid_client","error_description":"The OAuth client was not found."})"));
    CHECK(google.verdict == SecretVerdict::ClientUnknown);
    // A catalogued error of a category with no verdict: inconclusive, naming the entry.
    auto scope = classify_token(
        "entra",
        test::http_reply(
            400,
            R"({"error":"invalid_scope","error_description":"AADSTS70011: The provided request must include a 'scope' input parameter."})"));
    CHECK(scope.verdict == SecretVerdict::Inconclusive);
    REQUIRE(scope.entry);
    CHECK(scope.detail.find(std::string(scope.entry->title)) != std::string::npos);
    // Bad input never crashes.
    CHECK(classify_token("entra", test::http_reply(400, "{\"error\":")).verdict == SecretVerdict::Inconclusive);
    CHECK(classify_token("", test::http_reply(200, "")).verdict == SecretVerdict::Inconclusive);
  }

  TEST_CASE("classify: where a provider keeps the reason comes from its unit and the catalogue") {
    std::string hint = inconclusive_hint("adfs");
    CHECK(hint.starts_with("; " + std::string(providers::info("adfs").inconclusive_note)));
    for (auto& h : providers::info("adfs").inconclusive_hints)
      CHECK(hint.find(std::string(catalogue::predicted("adfs", h.category).front()->code) + ": " +
                      std::string(h.about)) != std::string::npos);
    CHECK(inconclusive_hint("okta").empty());
  }
}

TEST_SUITE("core") {
  TEST_CASE("collapse_whitespace") {
    CHECK(collapse_whitespace("  a \n\t b\r\n") == "a b");
    CHECK(collapse_whitespace("") == "");
    CHECK(collapse_whitespace(" \n ") == "");
    CHECK(page_text("<p>one</p>\n\n<div>two&nbsp;three</div>").starts_with("one two"));
  }
}
