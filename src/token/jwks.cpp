#include "token/jwks.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include "core/curl_api.h"
#include "core/json.h"

#include <nlohmann/json.hpp>

namespace od::token {

namespace {

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* k) { return {k, EVP_PKEY_free}; }

std::string b64url_member(const nlohmann::json& j, const char* name) {
  return base64_decode_strict(json_string(j, name)).value_or("");
}

// Builds a public key from OSSL parameters (RSA n/e or an EC point).
std::shared_ptr<EVP_PKEY> from_params(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* key = nullptr;
  if (ctx && params && EVP_PKEY_fromdata_init(ctx) > 0) EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return key ? own(key) : nullptr;
}

std::shared_ptr<EVP_PKEY> rsa_key(const std::string& n, const std::string& e) {
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  auto key = from_params("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

std::shared_ptr<EVP_PKEY> ec_key(const std::string& crv, const std::string& x, const std::string& y) {
  std::string point = "\x04" + x + y;  // uncompressed point
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, crv.c_str(), 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  auto key = from_params("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  return key;
}

std::shared_ptr<EVP_PKEY> x509_key(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) return nullptr;
  EVP_PKEY* key = X509_get_pubkey(cert);
  X509_free(cert);
  return key ? own(key) : nullptr;
}

// x5c entries are standard base64, not base64url.
std::string b64_std(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '\n' && c != '\r' && c != '=') out += c;
  return base64_decode_strict(out).value_or("");
}

Key read_jwk(const nlohmann::json& j) {
  Key k;
  auto text = [&](const char* name) { return json_string(j, name); };
  k.kid = text("kid");
  k.kty = text("kty");
  k.alg = text("alg");
  k.crv = text("crv");
  if (j.contains("d") || j.contains("p")) k.problem = "contains private key material";
  if (k.kty == "RSA") {
    std::string n = b64url_member(j, "n"), e = b64url_member(j, "e");
    if (!n.empty() && !e.empty()) k.pkey = rsa_key(n, e);
  } else if (k.kty == "EC") {
    static const std::pair<const char*, size_t> kCurves[] = {{"P-256", 32}, {"P-384", 48}, {"P-521", 66}};
    std::string x = b64url_member(j, "x"), y = b64url_member(j, "y");
    for (auto [name, size] : kCurves)
      if (k.crv == name && x.size() == size && y.size() == size) k.pkey = ec_key(k.crv, x, y);
  } else if (k.kty == "OKP") {
    std::string x = b64url_member(j, "x");
    int type = k.crv == "Ed25519" ? EVP_PKEY_ED25519 : k.crv == "Ed448" ? EVP_PKEY_ED448 : 0;
    if (type)
      if (EVP_PKEY* raw =
              EVP_PKEY_new_raw_public_key(type, nullptr, reinterpret_cast<const unsigned char*>(x.data()), x.size()))
        k.pkey = own(raw);
  } else if (k.kty == "oct") {
    k.problem = "is a symmetric key, which must never be published";
    return k;
  }
  if (!k.pkey)
    if (auto x5c = j.find("x5c"); x5c != j.end() && x5c->is_array() && !x5c->empty() && (*x5c)[0].is_string())
      k.pkey = x509_key(b64_std((*x5c)[0].get<std::string>()));
  if (!k.pkey && k.problem.empty()) k.problem = "could not be read as a " + (k.kty.empty() ? "key" : k.kty + " key");
  return k;
}

Expected<KeySet> parse_pem(std::string_view text, const std::string& source) {
  KeySet set{source, {}};
  BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
  EVP_PKEY* key = nullptr;
  if (text.find("CERTIFICATE") != std::string_view::npos) {
    if (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
      key = X509_get_pubkey(cert);
      X509_free(cert);
    }
  } else {
    key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  }
  BIO_free(bio);
  if (!key) return Error{source, "cannot read this PEM as a public key or certificate"};
  Key k;
  k.pkey = own(key);
  k.kty = EVP_PKEY_base_id(key) == EVP_PKEY_RSA ? "RSA" : EVP_PKEY_base_id(key) == EVP_PKEY_EC ? "EC" : "OKP";
  set.keys.push_back(std::move(k));
  return set;
}

const EVP_MD* digest(std::string_view alg) {
  if (alg.ends_with("256")) return EVP_sha256();
  if (alg.ends_with("384")) return EVP_sha384();
  if (alg.ends_with("512")) return EVP_sha512();
  return nullptr;
}

// JWS carries ECDSA signatures as raw r||s; OpenSSL wants DER.
std::string ecdsa_der(const std::string& raw) {
  size_t half = raw.size() / 2;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data() + half), static_cast<int>(half), nullptr);
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig, &der);
  std::string out = len > 0 ? std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len)) : "";
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

bool fits(const Key& k, std::string_view alg) {
  int id = k.pkey ? EVP_PKEY_base_id(k.pkey.get()) : 0;
  if (alg.starts_with("RS") || alg.starts_with("PS")) return id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS;
  if (alg.starts_with("ES")) return id == EVP_PKEY_EC;
  if (alg == "EdDSA" || alg == "Ed25519" || alg == "Ed448") return id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448;
  return false;
}

bool check(const Key& k, std::string_view alg, const Jwt& jwt) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  bool eddsa = alg == "EdDSA" || alg == "Ed25519" || alg == "Ed448";
  const EVP_MD* md = eddsa ? nullptr : digest(alg);
  bool ok = EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, k.pkey.get()) > 0;
  if (ok && alg.starts_with("PS"))
    ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0;
  std::string sig = alg.starts_with("ES") ? ecdsa_der(jwt.signature) : jwt.signature;
  ok = ok && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                              reinterpret_cast<const unsigned char*>(jwt.signing_input.data()),
                              jwt.signing_input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

Expected<KeySet> parse_keys(std::string_view text, const std::string& source) {
  if (text.find("-----BEGIN ") != std::string_view::npos) return parse_pem(text, source);
  auto parsed = parse_json(text, source);
  if (!parsed) return Error{parsed.error().where, "not JSON or PEM: " + parsed.error().message};
  nlohmann::json j = std::move(parsed.value());
  KeySet set{source, {}};
  if (j.is_object() && j.contains("kty")) {
    set.keys.push_back(read_jwk(j));
    return set;
  }
  if (j.is_object() && j.contains("jwks_uri"))
    return Error{source, "this is an OpenID discovery document, not a key set; pass its jwks_uri (" +
                             (j["jwks_uri"].is_string() ? j["jwks_uri"].get<std::string>() : std::string("?")) + ")"};
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array())
    return Error{source, "expected a JWKS (an object with a `keys` array), a single JWK, or a PEM public key"};
  for (auto& k : j["keys"])
    if (k.is_object()) set.keys.push_back(read_jwk(k));
  return set;
}

Verification verify(const Jwt& jwt, const KeySet& keys) {
  Verification v;
  // The header is the token's own (outside input): a non-string alg or kid reads as absent.
  std::string alg = json_string(jwt.header, "alg");
  v.kid = json_string(jwt.header, "kid");
  if (alg == "none" || alg.empty()) {
    v.status = Verification::Status::Unsigned;
    v.detail = alg.empty() ? "the header names no `alg`" : "the header says alg none: the token is not signed";
    return v;
  }
  bool known = alg == "EdDSA" || alg == "Ed25519" || alg == "Ed448" ||
               ((alg.starts_with("RS") || alg.starts_with("PS") || alg.starts_with("ES")) && digest(alg));
  if (!known) {
    v.status = Verification::Status::Unsupported;
    v.detail = alg.starts_with("HS") ? alg + " is a shared-secret signature; no public key set can verify it"
                                     : "signature algorithm " + alg + " is not supported";
    return v;
  }
  std::vector<const Key*> candidates;
  for (auto& k : keys.keys)
    if (v.kid.empty() || k.kid.empty() || k.kid == v.kid) candidates.push_back(&k);
  if (candidates.empty()) {
    std::string kids;
    for (auto& k : keys.keys) kids += (kids.empty() ? "" : ", ") + (k.kid.empty() ? "(no kid)" : k.kid);
    v.status = Verification::Status::NoKey;
    v.detail = "no key with kid `" + v.kid + "` in " + keys.source + (kids.empty() ? "" : " (it has: " + kids + ")");
    return v;
  }
  std::string tried;
  for (auto* k : candidates) {
    if (!k->pkey) {
      tried = "key `" + k->kid + "` " + k->problem;
      continue;
    }
    if (!fits(*k, alg)) {
      tried = "key `" + k->kid + "` is " + k->kty + ", which cannot check " + alg;
      continue;
    }
    if (check(*k, alg, jwt)) {
      v.status = Verification::Status::Verified;
      v.kid = k->kid;
      v.detail = "verified with key `" + (k->kid.empty() ? std::string("(no kid)") : k->kid) + "` (" + alg + ") from " +
                 keys.source;
      return v;
    }
    tried = "the signature does not match key `" + k->kid + "` (" + alg + ")";
  }
  v.status = Verification::Status::Invalid;
  v.detail = tried;
  return v;
}

Expected<std::string> fetch(const std::string& url, Transport& net) {
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    return Error{url, "only http(s) URLs can be fetched"};
  HttpRequest r;
  r.probe = "jwks";
  r.url = url;
  r.headers = {{"Accept", "application/json"}};
  r.follow_redirects = true;
  r.max_bytes = 1 << 20;  // a key set is a few KiB
  r.match_key = "jwks|" + url;
  HttpResponse got;
  net.submit(std::move(r), [&got](const HttpResponse& resp) { got = resp; });
  net.run();
  if (!got.ok()) return Error{url, "cannot fetch the key set: " + got.error};
  if (got.status != 200) return Error{url, "cannot fetch the key set: HTTP status " + std::to_string(got.status)};
  return got.body;
}

Expected<std::string> fetch(const std::string& url) {
  std::string why;
  if (!curl_api(&why)) return Error{url, why};
  auto net = make_curl_transport({.timeout_ms = 10000, .deadline_ms = 15000});
  return fetch(url, *net);
}

}  // namespace od::token
