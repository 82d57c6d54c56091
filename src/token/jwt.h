// JSON Web Tokens as users paste them: found inside headers, URL fragments or JSON responses,
// decoded without trusting anything. The raw token and its signature are never printed.
#pragma once
#include <nlohmann/json.hpp>
#include "core/encoding.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace od::token {

struct Jwt {
  std::string label;  // where it was found: "id_token", "Authorization header", "token"
  nlohmann::ordered_json header;
  nlohmann::ordered_json claims;
  std::string signing_input;  // header.payload, as signed
  std::string signature;      // raw bytes; never printed
};

// Every compact JWS in `text`, labelled by the field, parameter or header that carried it.
struct FoundToken {
  std::string label;
  std::string compact;
};
std::vector<FoundToken> find_tokens(std::string_view text);

// True when `text` holds a five-part encrypted token (JWE), which cannot be read without its key.
bool has_encrypted_token(std::string_view text);

// Decodes one compact JWS; the error says which part is broken.
Expected<Jwt> decode(const FoundToken& found);

}  // namespace od::token
