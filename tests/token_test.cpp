// inspect-token: finding tokens in pasted text, verifying signatures with keys OpenSSL generates
// here (no network, no committed keys), the claim checks and Entra traps, the CLI contract, and a
// real ID token from the node-oidc-provider peer verified against its live JWKS.
#include <doctest/doctest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "app/inspect_token.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "rules/registry.h"
#include "support.h"
#include "token/facts.h"
#include "token/times.h"

using namespace od;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// ------------------------------------------------------------------ test-only key handling
struct TestKey {
  std::string kid, alg;
  std::shared_ptr<EVP_PKEY> pkey;
};

std::string bn_bytes(EVP_PKEY* k, const char* param, int pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(k, param, &bn);
  std::string out(pad ? static_cast<size_t>(pad) : static_cast<size_t>(BN_num_bytes(bn)), '\0');
  if (pad)
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), pad);
  else
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

TestKey make_key(const std::string& alg, const std::string& kid) {
  EVP_PKEY* k = nullptr;
  if (alg.starts_with("RS") || alg.starts_with("PS"))
    k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
  else if (alg == "ES256")
    k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  else if (alg == "ES384")
    k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  else
    k = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  REQUIRE(k);
  return {kid, alg, std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free)};
}

json jwk(const TestKey& k) {
  EVP_PKEY* p = k.pkey.get();
  json j{{"kid", k.kid}, {"alg", k.alg}, {"use", "sig"}};
  if (EVP_PKEY_base_id(p) == EVP_PKEY_RSA) {
    j["kty"] = "RSA";
    j["n"] = base64url_encode(bn_bytes(p, OSSL_PKEY_PARAM_RSA_N));
    j["e"] = base64url_encode(bn_bytes(p, OSSL_PKEY_PARAM_RSA_E));
  } else if (EVP_PKEY_base_id(p) == EVP_PKEY_EC) {
    int size = k.alg == "ES256" ? 32 : 48;
    j["kty"] = "EC";
    j["crv"] = size == 32 ? "P-256" : "P-384";
    j["x"] = base64url_encode(bn_bytes(p, OSSL_PKEY_PARAM_EC_PUB_X, size));
    j["y"] = base64url_encode(bn_bytes(p, OSSL_PKEY_PARAM_EC_PUB_Y, size));
  } else {
    unsigned char raw[64];
    size_t len = sizeof raw;
    EVP_PKEY_get_raw_public_key(p, raw, &len);
    j["kty"] = "OKP";
    j["crv"] = "Ed25519";
    j["x"] = base64url_encode(std::string(reinterpret_cast<char*>(raw), len));
  }
  return j;
}

std::string sign(const TestKey& k, const std::string& alg, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md = alg == "EdDSA"         ? nullptr
                     : alg.ends_with("256") ? EVP_sha256()
                     : alg.ends_with("384") ? EVP_sha384()
                                            : EVP_sha512();
  REQUIRE(EVP_DigestSignInit(ctx, &pctx, md, nullptr, k.pkey.get()) == 1);
  if (alg.starts_with("PS")) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  size_t len = 0;
  auto in = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSign(ctx, nullptr, &len, in, input.size());
  std::string sig(len, '\0');
  REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, in, input.size()) == 1);
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  if (alg.starts_with("ES")) {  // DER -> the raw r||s of JWS
    int size = alg == "ES256" ? 32 : 48;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(static_cast<size_t>(size) * 2, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), size);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + size, size);
    ECDSA_SIG_free(es);
    return raw;
  }
  return sig;
}

std::string mint(const TestKey& k, json claims, json header = json::object()) {
  if (!header.contains("alg")) header["alg"] = k.alg;
  if (!header.contains("kid")) header["kid"] = k.kid;
  if (!header.contains("typ")) header["typ"] = "JWT";
  std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  std::string alg = header["alg"];
  std::string sig = alg == "none" ? "" : sign(k, alg, input);
  return input + "." + base64url_encode(sig);
}

token::KeySet keyset(const std::vector<const TestKey*>& keys) {
  json set{{"keys", json::array()}};
  for (auto* k : keys) set["keys"].push_back(jwk(*k));
  auto parsed = token::parse_keys(set.dump(), "test-jwks.json");
  REQUIRE(parsed.ok());
  return *parsed;
}

token::Jwt decode(const std::string& compact, const std::string& label = "token") {
  auto d = token::decode({label, compact});
  REQUIRE(d.ok());
  return *d;
}

// ------------------------------------------------------------------ claim sets
constexpr long long kNow = 1795341600;  // 2026-11-22 10:00:00 UTC
const char* kTenant = "a3c5e7f9-1b2d-4e6f-8a0c-2e4f6a8b0c1d";
const char* kClient = "4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e";

json entra_id_token() {
  return {{"aud", kClient},
          {"iss", std::string("https://login.microsoftonline.com/") + kTenant + "/v2.0"},
          {"iat", kNow - 60},
          {"nbf", kNow - 60},
          {"exp", kNow + 3540},
          {"name", "Megan Bowen"},
          {"nonce", "n-0S6_WzA2Mj"},
          {"oid", "00000000-0000-0000-66f3-3332eca7ea81"},
          {"preferred_username", "megan.bowen@contoso.com"},
          {"sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"},
          {"tid", kTenant},
          {"ver", "2.0"}};
}

// Findings by the name inspect-token prints (`check` in its JSON).
std::string name(const Finding& f) { return std::string(app::token_check_name(*f.rule)); }
std::vector<std::string> ids(const std::vector<Finding>& checks) {
  std::vector<std::string> out;
  for (auto& c : checks) out.push_back(name(c));
  return out;
}
bool has(const std::vector<Finding>& checks, const std::string& id) {
  auto v = ids(checks);
  return std::find(v.begin(), v.end(), id) != v.end();
}
const Finding& get(const std::vector<Finding>& checks, const std::string& id) {
  for (auto& c : checks)
    if (name(c) == id) return c;
  FAIL("no check " << id);
  return checks.front();
}

Config config(const std::string& extra_provider, const std::string& users = "",
              const std::string& metadata = std::string("https://login.microsoftonline.com/") + kTenant +
                                            "/v2.0/.well-known/openid-configuration") {
  std::string text =
      "version: 1\nplatform: outsystems\nprovider:\n  kind: entra\n  metadata_url: " + metadata + "\n" +
      extra_provider + "  web_client:\n    client_id: " + kClient +
      "\n    client_secret: ${env:NOT_READ}\nenvironments:\n  - name: dev\n    url: https://os-dev.contoso.com\n" +
      users;
  auto cfg = load_config_text(text, "t.yaml", ".", {.resolve_secrets = false});
  REQUIRE_MESSAGE(cfg.ok(), (cfg.ok() ? "" : cfg.error().str()));
  return *cfg;
}

// The token rules on one token, as inspect-token runs them (without the lint settings).
std::vector<Finding> run(const token::Jwt& jwt, const Config* cfg = nullptr, const token::Verification* v = nullptr,
                         std::optional<std::string> nonce = std::nullopt, long long now = kNow) {
  token::TokenFacts t;
  t.jwt = jwt;
  if (v) t.verification = *v;
  t.nonce = nonce;
  t.now = now;
  t.config = cfg;
  t.provider = token::provider_of(jwt, cfg);
  std::optional<Context> ctx;
  if (cfg) ctx.emplace(Context{*cfg, platform_for(cfg->platform), Date{}});
  return run_token_rules({ctx ? &*ctx : nullptr, t});
}

using Scratch = od::test::Scratch;

}  // namespace

TEST_SUITE("token") {
  TEST_CASE("base64url both ways; invalid input refused") {
    std::string bytes("\x00\xff\xfe{\"a\":1}", 10);
    CHECK(base64_decode_strict(base64url_encode(bytes)) == bytes);
    CHECK(base64url_encode("{\"") == "eyI");
    CHECK_FALSE(base64_decode_strict("ab$c"));
    CHECK_FALSE(base64_decode_strict("a"));
  }

  TEST_CASE("tokens are found in headers, URL fragments and JSON responses, labelled by their field") {
    auto k = make_key("ES256", "k1");
    std::string id = mint(k, entra_id_token()), at = mint(k, {{"scp", "User.Read"}});
    auto labels = [](std::string_view text) {
      std::vector<std::string> out;
      for (auto& f : token::find_tokens(text)) out.push_back(f.label);
      return out;
    };
    CHECK(labels(id) == std::vector<std::string>{"token"});
    CHECK(labels("Authorization: Bearer " + at) == std::vector<std::string>{"Authorization header"});
    CHECK(labels("https://app/cb#id_token=" + id + "&access_token=" + at + "&state=x") ==
          std::vector<std::string>{"id_token", "access_token"});
    CHECK(labels("{\"access_token\": \"" + at + "\", \"id_token\": \"" + id + "\", \"again\": \"" + id + "\"}") ==
          std::vector<std::string>{"access_token", "id_token"});
    std::string jwe =
        "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ."
        "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_"
        "etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_"
        "lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_"
        "tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_"
        "ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_"
        "EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";
    CHECK(token::find_tokens(jwe).empty());
    CHECK(token::has_encrypted_token(jwe));
    CHECK_FALSE(token::has_encrypted_token(id));
  }

  TEST_CASE("decode: header, claims and signature bytes; a broken part is named") {
    auto k = make_key("ES256", "k1");
    auto jwt = decode(mint(k, entra_id_token()));
    CHECK(jwt.header["alg"] == "ES256");
    CHECK(jwt.claims["aud"] == kClient);
    CHECK(jwt.signature.size() == 64);
    auto bad = token::decode({"id_token", "eyJhbGciOiJSUzI1NiJ9.eyJub3QganNvbg.c2ln"});  // payload "{not json"
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().str() == "id_token: the token's payload is not JSON");
  }

  TEST_CASE("signatures verify for RS256/384/512, PS256, ES256/384 and EdDSA; tampering is caught") {
    for (std::string alg : {"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"}) {
      CAPTURE(alg);
      auto k = make_key(alg, "key-" + alg);
      auto other = make_key(alg == "EdDSA" ? "EdDSA" : "ES256", "decoy");
      auto keys = keyset({&other, &k});
      std::string t = mint(k, entra_id_token());
      auto v = token::verify(decode(t), keys);
      CHECK(v.status == token::Verification::Status::Verified);
      CHECK(v.kid == "key-" + alg);
      // Same header and signature, altered payload.
      auto claims = entra_id_token();
      claims["preferred_username"] = "admin@contoso.com";
      std::string forged = t.substr(0, t.find('.')) + "." + base64url_encode(claims.dump()) + t.substr(t.rfind('.'));
      CHECK(token::verify(decode(forged), keys).status == token::Verification::Status::Invalid);
    }
  }

  TEST_CASE("verification outcomes: unknown kid, wrong key type, HS256, alg none, keys without kid") {
    auto rsa = make_key("RS256", "rsa-1");
    auto ec = make_key("ES256", "ec-1");
    auto keys = keyset({&rsa, &ec});
    auto v1 = token::verify(decode(mint(rsa, entra_id_token(), {{"kid", "rotated-away"}})), keys);
    CHECK(v1.status == token::Verification::Status::NoKey);
    CHECK(v1.detail == "no key with kid `rotated-away` in test-jwks.json (it has: rsa-1, ec-1)");
    auto v2 = token::verify(decode(mint(rsa, entra_id_token(), {{"kid", "ec-1"}})), keys);
    CHECK(v2.status == token::Verification::Status::Invalid);
    CHECK(v2.detail.find("EC, which cannot check RS256") != std::string::npos);
    std::string hs = base64url_encode(R"({"alg":"HS256"})") + "." + base64url_encode(entra_id_token().dump()) + ".c2ln";
    CHECK(token::verify(decode(hs), keys).status == token::Verification::Status::Unsupported);
    std::string none = base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(entra_id_token().dump()) + ".";
    CHECK(token::verify(decode(none), keys).status == token::Verification::Status::Unsigned);
    json single = jwk(rsa);
    single.erase("kid");
    auto one = token::parse_keys(single.dump(), "one.jwk");
    REQUIRE(one.ok());
    CHECK(token::verify(decode(mint(rsa, entra_id_token())), *one).status == token::Verification::Status::Verified);
  }

  TEST_CASE("key sets: PEM keys, private or symmetric JWKs flagged, discovery documents refused") {
    auto rsa = make_key("PS256", "pem");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, rsa.pkey.get());
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(len));
    BIO_free(bio);
    auto from_pem = token::parse_keys(pem, "key.pem");
    REQUIRE(from_pem.ok());
    CHECK(token::verify(decode(mint(rsa, entra_id_token())), *from_pem).status ==
          token::Verification::Status::Verified);

    json priv = jwk(rsa);
    priv["d"] = "AAAA";
    auto with_private =
        token::parse_keys(json{{"keys", {priv, {{"kty", "oct"}, {"k", "c2VjcmV0"}, {"kid", "h"}}}}}.dump(), "x");
    REQUIRE(with_private.ok());
    CHECK(with_private->keys[0].problem == "contains private key material");
    CHECK(with_private->keys[1].problem.find("symmetric") != std::string::npos);

    auto disco =
        token::parse_keys(R"({"issuer":"https://op","jwks_uri":"https://op/jwks"})", "openid-configuration.json");
    REQUIRE_FALSE(disco.ok());
    CHECK(disco.error().message.find("discovery document") != std::string::npos);
    CHECK(disco.error().message.find("https://op/jwks") != std::string::npos);
    CHECK_FALSE(token::parse_keys("not json", "x").ok());
  }

  TEST_CASE("lifetime checks honour the skew allowance; times in UTC and relative") {
    auto k = make_key("ES256", "k");
    auto claims = entra_id_token();
    claims["exp"] = kNow - 100;
    CHECK(has(run(decode(mint(k, claims))), "token-expired-within-skew"));
    CHECK_FALSE(has(run(decode(mint(k, claims))), "token-expired"));
    claims["exp"] = kNow - 7200;
    auto expired = run(decode(mint(k, claims)));
    REQUIRE(has(expired, "token-expired"));
    CHECK(get(expired, "token-expired").message ==
          "the token expired at 2026-11-22 08:00:00 UTC (2 hours ago), beyond the 300 s clock skew allowance");
    claims = entra_id_token();
    claims["nbf"] = kNow + 900;
    claims["iat"] = kNow + 900;
    auto future = run(decode(mint(k, claims)));
    CHECK(get(future, "token-not-yet-valid").severity == Severity::Error);
    CHECK(get(future, "issued-in-future").severity == Severity::Warning);
    claims.erase("exp");
    CHECK(has(run(decode(mint(k, claims))), "expiry-missing"));

    CHECK(token::parse_instant("2026-11-22T10:00:00Z") == kNow);
    CHECK(token::parse_instant("2026-11-22T11:30:00.123+01:30") == kNow);
    CHECK(token::parse_instant("2026-11-22") == kNow - 36000);
    CHECK_FALSE(token::parse_instant("22/11/2026"));
    CHECK(token::relative(kNow + 2700, kNow) == "in 45 minutes");
    CHECK(token::relative(kNow - 3 * 86400, kNow) == "3 days ago");
  }

  TEST_CASE("nonce: required on ID tokens when given, ignored on access tokens") {
    auto k = make_key("ES256", "k");
    auto id = decode(mint(k, entra_id_token()));
    CHECK_FALSE(has(run(id, nullptr, nullptr, std::string("n-0S6_WzA2Mj")), "nonce-mismatch"));
    CHECK(has(run(id, nullptr, nullptr, std::string("n-other")), "nonce-mismatch"));
    auto claims = entra_id_token();
    claims.erase("nonce");
    CHECK(has(run(decode(mint(k, claims)), nullptr, nullptr, std::string("n-1")), "nonce-missing"));
    claims["scp"] = "access_as_user";
    CHECK_FALSE(has(run(decode(mint(k, claims)), nullptr, nullptr, std::string("n-1")), "nonce-missing"));
  }

  TEST_CASE("Entra trap: a Graph access token with a header nonce is explained, not reported as tampered") {
    auto k = make_key("RS256", "graph-key");
    auto keys = keyset({&k});
    json claims = {{"aud", "00000003-0000-0000-c000-000000000000"},
                   {"iss", std::string("https://sts.windows.net/") + kTenant + "/"},
                   {"scp", "openid profile email User.Read"},
                   {"exp", kNow + 3000},
                   {"iat", kNow - 600},
                   {"ver", "1.0"}};
    std::string t = mint(k, claims, {{"nonce", "7vXlQxXp0h7d-Rg2W4dpA0pZnL9dI0c4"}});
    // What Entra does: the signature covers the hashed nonce, so the token as seen never verifies.
    std::string forged_sig = t.substr(0, t.rfind('.')) + "." + base64url_encode(std::string(256, 'x'));
    auto jwt = decode(forged_sig, "access_token");
    auto v = token::verify(jwt, keys);
    CHECK(v.status == token::Verification::Status::Invalid);
    Config cfg = config("  username_claim: preferred_username\n");
    auto checks = run(jwt, &cfg, &v);
    REQUIRE(has(checks, "graph-access-token"));
    CHECK_FALSE(has(checks, "signature-invalid"));
    CHECK_FALSE(has(checks, "audience-not-client"));
    auto& g = get(checks, "graph-access-token");
    CHECK(g.message.find("with a `nonce` in its header") != std::string::npos);
    bool seed_wording = false;
    for (auto& p : g.predicted_errors) seed_wording |= p.find("JWT signature does not match") != std::string::npos;
    CHECK(seed_wording);
  }

  TEST_CASE("Entra trap: v1 token against v2 metadata; guests without upn") {
    auto k = make_key("ES256", "k");
    auto v1 = entra_id_token();
    v1["iss"] = std::string("https://sts.windows.net/") + kTenant + "/";
    v1["ver"] = "1.0";
    v1["upn"] = "megan.bowen@contoso.com";
    Config cfg = config("  username_claim: preferred_username\n");
    auto with_config = run(decode(mint(k, v1)), &cfg);
    REQUIRE(has(with_config, "entra-token-version"));
    CHECK(get(with_config, "entra-token-version").severity == Severity::Error);
    CHECK_FALSE(has(with_config, "issuer-mismatch"));  // explained once
    CHECK(get(run(decode(mint(k, v1))), "entra-token-version").severity == Severity::Info);

    auto guest = entra_id_token();
    guest["idp"] = "https://sts.windows.net/9188040d-6c67-4c5b-b112-36a304b66dad/";
    guest["preferred_username"] = "megan@fabrikam.com";
    Config by_upn = config("  username_claim: upn\n");
    auto checks = run(decode(mint(k, guest)), &by_upn);
    REQUIRE(has(checks, "guest-without-upn"));
    CHECK(get(checks, "guest-without-upn").severity == Severity::Error);
    CHECK_FALSE(has(checks, "username-claim-absent"));
    CHECK(get(run(decode(mint(k, guest))), "guest-without-upn").severity == Severity::Info);
  }

  TEST_CASE("with --config: username claim form, audience and issuer") {
    auto k = make_key("ES256", "k");
    std::string plain_users = "users:\n  - username: mbowen\n  - username: awilber\n";
    Config cfg = config("  username_claim: preferred_username\n", plain_users);
    auto clean = entra_id_token();
    auto form = run(decode(mint(k, clean)), &cfg);
    REQUIRE(has(form, "username-claim-form"));
    CHECK(get(form, "username-claim-form").message.find("carries an email `megan.bowen@contoso.com`") !=
          std::string::npos);
    CHECK(get(form, "username-claim-form").message.find("plain names") != std::string::npos);

    Config ok_cfg = config("  username_claim: preferred_username\n", "users:\n  - username: Megan.Bowen@contoso.com\n");
    auto none = run(decode(mint(k, clean)), &ok_cfg);
    for (auto& c : none) CHECK_MESSAGE(c.severity == Severity::Info, name(c));

    Config email_claim = config("  username_claim: email\n");
    CHECK(has(run(decode(mint(k, clean)), &email_claim), "username-claim-absent"));

    auto other_aud = clean;
    other_aud["aud"] = "6731de76-14a6-49ae-97bc-6eba6914391e";
    auto aud = run(decode(mint(k, other_aud)), &ok_cfg);
    REQUIRE(has(aud, "audience-mismatch"));
    CHECK_FALSE(get(aud, "audience-mismatch").predicted_errors.empty());

    Config okta = config("", "", "https://acme.okta.com/oauth2/default/.well-known/openid-configuration");
    auto slash = clean;
    slash["iss"] = "https://acme.okta.com/oauth2/default/";
    auto iss = run(decode(mint(k, slash)), &okta);
    REQUIRE(has(iss, "issuer-mismatch"));
    CHECK(get(iss, "issuer-mismatch").message.find("only by a trailing slash") != std::string::npos);
  }

  TEST_CASE("CLI inspect-token: prints claims and times, never the token; exit codes as lint") {
    Scratch s;
    auto k = make_key("RS256", "rsa-1");
    std::string t = mint(k, entra_id_token());
    std::string sig = t.substr(t.rfind('.') + 1);
    std::string jwks = s.write("jwks.json", json{{"keys", {jwk(k)}}}.dump());
    std::string file = s.write("response.json", "{\"token_type\":\"Bearer\",\"id_token\":\"" + t + "\"}");
    std::string now = " --now 2026-11-22T10:00:00Z";

    auto r = test::run_cli("inspect-token --file " + file + " --jwks " + jwks + now);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("token 1 of 1: id_token") != std::string::npos);
    CHECK(r.out.find("verified with key `rsa-1` (RS256)") != std::string::npos);
    CHECK(r.out.find("exp          1795345140  (2026-11-22 10:59:00 UTC, in 59 minutes)") != std::string::npos);
    CHECK(r.out.find(sig) == std::string::npos);
    CHECK(r.out.find(t.substr(0, 40)) == std::string::npos);

    auto j = test::run_cli("inspect-token - --format json --nonce n-0S6_WzA2Mj --jwks " + jwks + now, t);
    CHECK(j.exit_code == 0);
    auto doc = json::parse(j.out);
    CHECK(doc["tokens"][0]["signature"]["status"] == "verified");
    CHECK(doc["tokens"][0]["times"]["exp"]["relative"] == "in 59 minutes");
    CHECK(doc["summary"]["errors"] == 0);
    CHECK(j.out.find(sig) == std::string::npos);

    auto late = test::run_cli("inspect-token " + t + " --now 2026-11-23T10:00:00Z --format json");
    CHECK(late.exit_code == 1);
    CHECK(json::parse(late.out)["tokens"][0]["findings"][1]["check"] == "token-expired");

    std::string cfg = s.write("c.yaml",
                              "version: 1\nplatform: generic\nprovider:\n  kind: entra\n  metadata_url: "
                              "https://login.microsoftonline.com/" +
                                  std::string(kTenant) +
                                  "/v2.0/.well-known/openid-configuration\n  username_claim: upn\n"
                                  "  web_client:\n    client_id: " +
                                  kClient + "\nenvironments:\n  - name: dev\n    url: https://app.contoso.com\n");
    auto with_cfg = test::run_cli("inspect-token " + t + " --config " + cfg + now);
    CHECK(with_cfg.exit_code == 1);
    CHECK(with_cfg.out.find("username-claim-absent") != std::string::npos);

    for (auto [args, stdin_text, message] :
         {std::tuple{std::string("inspect-token -"), std::string("no token in here"), std::string("no JWT found")},
          std::tuple{"inspect-token " + t + " --jwks " + s.write("d.json", R"({"jwks_uri":"https://x/keys"})"),
                     std::string(), std::string("discovery document")},
          std::tuple{"inspect-token " + t + " --now yesterday", std::string(), std::string("--now")},
          std::tuple{"inspect-token " + t + " --file " + file, std::string(), std::string("not both")}}) {
      const std::string& shown = args;  // (clang 14 cannot capture a structured binding)
      CAPTURE(shown);
      auto e = test::run_cli(args, stdin_text);
      CHECK(e.exit_code == 2);
      CHECK(e.out.empty());
      CHECK(e.err.find(message) != std::string::npos);
      CHECK(std::count(e.err.begin(), e.err.end(), '\n') == 1);
    }
  }

  TEST_CASE("a real ID token from node-oidc-provider verifies against its live JWKS") {
    std::string peers = test::source_path("tests/peers");
    if (std::system("command -v node >/dev/null 2>&1") != 0 ||
        !fs::exists(peers + "/oidc-provider/node_modules/oidc-provider")) {
      MESSAGE("skipped: node or tests/peers/oidc-provider/node_modules is missing (run scripts/setup.sh)");
      return;
    }
    Scratch s;
    std::string state = (s.dir / "op").string();
    std::string op_config =
        s.write("op.json",
                R"({"port": 0, "clients": [{"client_id": "web-basic", "client_secret": "web-basic-secret",
            "redirect_uris": ["https://app.example.test/oidc/callback"], "grant_types": ["authorization_code"],
            "response_types": ["code"], "token_endpoint_auth_method": "client_secret_basic"}]})");
    std::string url_file = (s.dir / "url").string();
    int started = std::system((peers + "/peers.sh start-op " + state + " " + op_config + " >" + url_file).c_str());
    REQUIRE_MESSAGE(started == 0, "peers.sh start-op failed");
    std::string base = test::read_file(url_file);
    while (!base.empty() && (base.back() == '\n' || base.back() == '\r')) base.pop_back();

    // devInteractions login and consent with a cookie jar, then the code exchange (PKCE S256).
    std::string flow = s.write("flow.sh", R"SH(set -eu
B=$1; D=$2; J=$D/jar
V=oidc-doctor-test-verifier-0123456789abcdefghijklmnop
C=$(printf %s "$V" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
R=https%3A%2F%2Fapp.example.test%2Foidc%2Fcallback
go() { curl -s -o /dev/null -w '%{redirect_url}' -c "$J" -b "$J" "$@"; }
L=$(go "$B/auth?client_id=web-basic&response_type=code&scope=openid&redirect_uri=$R&state=s1&nonce=n-peer-1&code_challenge=$C&code_challenge_method=S256")
L=$(go -d 'prompt=login&login=alice&password=x' "$L")
L=$(go "$L")
L=$(go -d 'prompt=consent' "$L")
L=$(go "$L")
CODE=$(printf %s "$L" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
curl -s -u web-basic:web-basic-secret -d "grant_type=authorization_code&code=$CODE&redirect_uri=$R&code_verifier=$V" "$B/token" > "$D/token.json"
)SH");
    int flowed = std::system(("bash " + flow + " " + base + " " + s.dir.string()).c_str());
    std::string response = test::read_file((s.dir / "token.json").string());
    // Verified while the OP runs: its keys are made fresh at every start.
    auto ok = test::run_cli("inspect-token --format json --nonce n-peer-1 --file " + (s.dir / "token.json").string() +
                            " --jwks " + base + "/jwks");
    auto wrong_nonce = test::run_cli("inspect-token --nonce n-other --file " + (s.dir / "token.json").string() +
                                     " --jwks " + base + "/jwks");
    std::system((peers + "/peers.sh stop " + state + " >/dev/null 2>&1").c_str());
    REQUIRE_MESSAGE(flowed == 0, "login flow against the OP failed");
    REQUIRE_MESSAGE(response.find("id_token") != std::string::npos, response);

    CAPTURE(ok.err);
    CHECK(ok.exit_code == 0);
    auto doc = json::parse(ok.out);
    bool verified = false;
    for (auto& t : doc["tokens"])
      if (t["found_in"] == "id_token") {
        verified = t["signature"]["status"] == "verified";
        CHECK(t["claims"]["aud"] == "web-basic");
        CHECK(t["claims"]["iss"] == base);
        CHECK(t["header"]["alg"] == "RS256");
      }
    CHECK(verified);
    CHECK(wrong_nonce.exit_code == 1);
    CHECK(wrong_nonce.out.find("nonce-mismatch") != std::string::npos);
  }
}

// ------------------------------------------------------------------ token rule fixtures
namespace {

// fixtures/rules/<ID>/: trigger.jwt and clean.jwt (any text holding tokens), `args` for both and
// trigger.args / clean.args for one (--now, --nonce, --skew, --config and --jwks, paths relative to
// the folder; --now defaults to 2026-11-22T10:00:00Z), and trigger.expect with `# expect: ID [xN]
// [severity]` (default: once, at the rule's own severity).
app::InspectTokenOptions fixture_options(const fs::path& dir, const std::string& which) {
  app::InspectTokenOptions o;
  o.file = (dir / (which + ".jwt")).string();
  o.now = kNow;
  o.settings_dir = dir.string();
  std::string args;
  for (auto name : {std::string("args"), which + ".args"})
    if (fs::exists(dir / name)) args += " " + test::read_file((dir / name).string());
  std::istringstream in(args);
  for (std::string flag, value; in >> flag;) {
    REQUIRE_MESSAGE(static_cast<bool>(in >> value), "no value after " << flag);
    if (flag == "--now")
      o.now = token::parse_instant(value);
    else if (flag == "--nonce")
      o.nonce = value;
    else if (flag == "--skew")
      o.skew = std::stoll(value);
    else if (flag == "--config")
      o.config = (dir / value).string();
    else if (flag == "--jwks")
      o.jwks = (dir / value).string();
    else
      FAIL("unknown fixture argument " << flag);
  }
  return o;
}

struct Expectation {
  int count = 1;
  std::optional<Severity> severity;
};

Expectation fixture_expectation(const fs::path& dir, std::string_view id) {
  static const std::regex re(R"(#\s*expect:\s*(OD\d{4})(?:\s+x(\d+))?(?:\s+(error|warning|info))?\s*$)");
  Expectation e;
  e.count = 0;
  std::istringstream in(test::read_file((dir / "trigger.expect").string()));
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, re) || m[1] != std::string(id)) continue;
    e.count += m[2].matched ? std::stoi(m[2]) : 1;
    if (m[3].matched)
      e.severity = m[3] == "error" ? Severity::Error : m[3] == "warning" ? Severity::Warning : Severity::Info;
  }
  return e;
}

std::vector<const Finding*> findings_of(const app::TokenReport& r, std::string_view id) {
  std::vector<const Finding*> out;
  for (auto& t : r.tokens)
    for (auto& f : t.findings)
      if (f.rule->id == id && !f.suppression) out.push_back(&f);
  return out;
}

}  // namespace

TEST_SUITE("token") {
  TEST_CASE("every token rule has a doc, a fixture that triggers it and a clean twin that does not") {
    int checked = 0;
    for (const Rule* r : all_rules()) {
      if (r->phase != Phase::Token) continue;
      CAPTURE(r->id);
      CHECK_MESSAGE(!rule_doc(r->id).empty(), "no rules/" << r->id << ".md");
      fs::path dir = test::source_path("fixtures/rules/" + std::string(r->id));
      REQUIRE_MESSAGE(fs::exists(dir / "trigger.jwt"), (dir / "trigger.jwt").string());
      REQUIRE_MESSAGE(fs::exists(dir / "clean.jwt"), (dir / "clean.jwt").string());
      REQUIRE_MESSAGE(fs::exists(dir / "trigger.expect"), (dir / "trigger.expect").string());
      auto want = fixture_expectation(dir, r->id);
      REQUIRE_MESSAGE(want.count > 0, "trigger.expect has no `# expect: " << r->id << "`");

      auto trigger = app::inspect_token(fixture_options(dir, "trigger"));
      REQUIRE_MESSAGE(trigger.ok(), (trigger.ok() ? "" : trigger.error().str()));
      auto got = findings_of(*trigger, r->id);
      CHECK(static_cast<int>(got.size()) == want.count);
      for (auto* f : got) CHECK(f->severity == want.severity.value_or(r->severity));

      auto clean = app::inspect_token(fixture_options(dir, "clean"));
      REQUIRE_MESSAGE(clean.ok(), (clean.ok() ? "" : clean.error().str()));
      CHECK(findings_of(*clean, r->id).empty());
      ++checked;
    }
    CHECK(checked >= 20);
  }

  TEST_CASE("token rules: the Token phase, one per old check name, listed and explained by the CLI") {
    std::set<std::string> names;
    for (const Rule* r : all_rules())
      if (r->phase == Phase::Token) {
        CHECK(r->id.starts_with("OD4"));
        CHECK(static_cast<bool>(r->token_check));
        names.insert(std::string(app::token_check_name(*r)));
      }
    for (auto old : {"graph-access-token",
                     "signature-not-checked",
                     "token-unsigned",
                     "signature-unsupported",
                     "signing-key-unknown",
                     "signature-invalid",
                     "issuer-missing",
                     "audience-missing",
                     "expiry-missing",
                     "token-expired",
                     "token-expired-within-skew",
                     "token-not-yet-valid",
                     "issued-in-future",
                     "nonce-missing",
                     "nonce-mismatch",
                     "entra-token-version",
                     "guest-without-upn",
                     "username-claim-absent",
                     "username-claim-not-text",
                     "username-claim-form",
                     "username-not-listed",
                     "audience-mismatch",
                     "audience-not-client",
                     "issuer-mismatch"})
      CHECK_MESSAGE(names.count(old), old);
    auto list = test::run_cli("rules --format json");
    int token_rules = 0;
    auto listed = json::parse(list.out);
    for (auto& r : listed["rules"]) token_rules += r["phase"] == "token";
    CHECK(token_rules == static_cast<int>(names.size()));
    auto explained = test::run_cli("rules explain token-expired");
    CHECK(explained.exit_code == 0);
    CHECK(explained.out.starts_with("# OD4301 token-expired"));
  }

  TEST_CASE("inspect-token: JSON findings keep `check` and gain `rule`; lint settings ignore and re-grade them") {
    Scratch s;
    auto k = make_key("RS256", "rsa-1");
    auto claims = entra_id_token();
    claims["exp"] = kNow - 7200;
    std::string t = mint(k, claims);
    std::string now = " --now 2026-11-22T10:00:00Z";
    auto plain = test::run_cli("inspect-token " + t + " --format json" + now);
    CHECK(plain.exit_code == 1);
    auto f = json::parse(plain.out)["tokens"][0]["findings"];
    REQUIRE(f.size() == 2);
    CHECK(f[0]["check"] == "signature-not-checked");
    CHECK(f[0]["rule"] == "OD4101");
    CHECK(f[1]["check"] == "token-expired");
    CHECK(f[1]["rule"] == "OD4301");
    CHECK_FALSE(f[1].contains("suppressed"));

    std::string base =
        "version: 1\nplatform: generic\nprovider:\n  kind: entra\n  metadata_url: "
        "https://login.microsoftonline.com/" +
        std::string(kTenant) + "/v2.0/.well-known/openid-configuration\n  web_client:\n    client_id: " + kClient +
        "\nenvironments:\n  - name: dev\n    url: https://app.contoso.com\n";
    std::string ignoring = s.write("ignore.yaml", base + "lint:\n  ignore: [token-expired]\n");
    auto ignored = test::run_cli("inspect-token " + t + " --format json --config " + ignoring + now);
    CHECK(ignored.exit_code == 0);
    auto doc = json::parse(ignored.out);
    CHECK(doc["summary"]["errors"] == 0);
    CHECK(doc["summary"]["suppressed"] == 1);
    bool marked = false;
    for (auto& x : doc["tokens"][0]["findings"])
      if (x["rule"] == "OD4301") marked = x["suppressed"]["kind"] == "config";
    CHECK(marked);
    auto ignored_text = test::run_cli("inspect-token " + t + " --config " + ignoring + now);
    CHECK(ignored_text.exit_code == 0);
    CHECK(ignored_text.out.find("suppressed (OD4301)") != std::string::npos);
    CHECK(ignored_text.out.find("0 error(s), 0 warning(s), 1 info, 1 suppressed · passed") != std::string::npos);

    std::string regrade =
        s.write("regrade.yaml", base + "lint:\n  severity:\n    OD4301: warning\n    no-such-rule: info\n");
    auto graded = test::run_cli("inspect-token " + t + " --format json --config " + regrade + now);
    CHECK(graded.exit_code == 0);
    CHECK(json::parse(graded.out)["summary"]["warnings"] == 1);
    CHECK(graded.err.find("no-such-rule") != std::string::npos);

    // Without --config, the nearest .oidc-doctor.yaml applies (app layer, from its folder).
    s.write(".oidc-doctor.yaml", "lint:\n  ignore: [OD4301, signature-not-checked]\n");
    app::InspectTokenOptions o{.token = t, .now = kNow, .settings_dir = s.dir.string()};
    auto rep = app::inspect_token(o);
    REQUIRE(rep.ok());
    CHECK(rep->exit_code == 0);
    CHECK(rep->suppressed == 2);
    CHECK(rep->errors + rep->infos == 0);
  }
}
