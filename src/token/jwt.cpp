#include "token/jwt.h"
#include "core/json.h"

#include <re2/re2.h>

#include <set>

namespace od::token {

namespace {

// The name a token was given where it was found: `"id_token": "eyJ..."`, `access_token=eyJ...`,
// `Authorization: Bearer eyJ...`.
std::string label_before(std::string_view text, size_t at) {
  size_t from = at > 64 ? at - 64 : 0;
  std::string_view before = text.substr(from, at - from);
  static const RE2 named(R"re(([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?$)re");
  static const RE2 bearer(R"re((?i)(authorization)\s*:\s*bearer\s+$)re");
  std::string name;
  if (RE2::PartialMatch(before, bearer, &name)) return "Authorization header";
  if (RE2::PartialMatch(before, named, &name)) return name;
  return "token";
}

}  // namespace

std::vector<FoundToken> find_tokens(std::string_view text) {
  // A JWS header is a JSON object, so it starts "{" -> "eyJ"; the payload of a JWT too.
  static const RE2 jws(R"re((eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)(\.[A-Za-z0-9_-]*)?)re");
  std::vector<FoundToken> out;
  std::set<std::string> seen;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece compact, extra;
  while (RE2::FindAndConsume(&input, jws, &compact, &extra)) {
    if (!extra.empty()) continue;  // five parts: a JWE
    std::string token(compact.data(), compact.size());
    if (!seen.insert(token).second) continue;
    size_t at = static_cast<size_t>(compact.data() - text.data());
    out.push_back({label_before(text, at), token});
  }
  return out;
}

bool has_encrypted_token(std::string_view text) {
  static const RE2 jwe(R"re(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)re");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), jwe);
}

Expected<Jwt> decode(const FoundToken& found) {
  std::string_view c = found.compact;
  size_t d1 = c.find('.'), d2 = c.find('.', d1 + 1);
  std::string_view h = c.substr(0, d1), p = c.substr(d1 + 1, d2 - d1 - 1), s = c.substr(d2 + 1);
  Jwt jwt;
  jwt.label = found.label;
  auto part = [&](std::string_view b64, const char* what, nlohmann::ordered_json& into) -> std::optional<Error> {
    auto raw = base64_decode_strict(b64);
    if (!raw) return Error{found.label, std::string("the token's ") + what + " is not valid base64url"};
    auto parsed = parse_json_as<nlohmann::ordered_json>(*raw, found.label);
    if (!parsed) return Error{found.label, std::string("the token's ") + what + " is not JSON"};
    into = std::move(parsed.value());
    if (!into.is_object()) return Error{found.label, std::string("the token's ") + what + " is not a JSON object"};
    return std::nullopt;
  };
  if (auto e = part(h, "header", jwt.header)) return *e;
  if (auto e = part(p, "payload", jwt.claims)) return *e;
  auto sig = base64_decode_strict(s);
  if (!sig) return Error{found.label, "the token's signature is not valid base64url"};
  jwt.signature = *sig;
  jwt.signing_input = std::string(c.substr(0, d2));
  return jwt;
}

}  // namespace od::token
