// Probe rule: reads what preflight learnt (probes/facts.h).
#include "rules/probe_common.h"

namespace od::rules {
namespace {
using namespace probe;

// Unknown key types, algorithms that are not public-key signatures, short RSA keys.
void check(const ProbeContext& pc, Sink& out) {
  static const std::set<std::string> kAlgs = {"RS256", "RS384", "RS512",  "PS256", "PS384",   "PS512", "ES256",
                                              "ES384", "ES512", "ES256K", "EdDSA", "Ed25519", "Ed448"};
  for_each_key_set(pc, [&](const Target& t, const nlohmann::json& set) {
    for_each_key(set, [&](const Jwk& k) {
      if (k.kty == "oct") return;
      if (!k.known_type()) return report_key_set(t, k.name + " has the unknown key type " + k.kty, "kty|" + k.kid, out);
      if (!k.alg.empty() && k.use != "enc" && !kAlgs.count(k.alg))
        report_key_set(
            t, k.name + " declares the algorithm " + k.alg + ", which is not a JWS signature algorithm for public keys",
            "alg|" + k.kid, out);
      if (k.kty == "RSA" && k.json.contains("n") && k.json["n"].is_string()) {
        size_t bits =
            k.json["n"].get<std::string>().size() * 6;  // base64url: 6 bits a character, leading zero octet aside
        if (bits < 2040)
          report_key_set(t, fmt::format("{} is an RSA key of about {} bits; 2048 is the minimum", k.name, bits / 8 * 8),
                         "rsa|" + k.kid, out);
      }
    });
  });
}

}  // namespace
extern const Rule OD3106{"OD3106",
                         "jwks-weak-key",
                         Severity::Warning,
                         "token-signature-invalid",
                         "A JWKS key uses an unknown type or algorithm, or an RSA modulus under 2048 bits",
                         "Publish RSA keys of 2048 bits or more, or EC/OKP keys, with standard JWS algorithms.",
                         check};
}  // namespace od::rules
