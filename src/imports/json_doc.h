// A JSON document that remembers where each value and key was written. nlohmann::json has no
// positions, so after nlohmann validates the text a small scanner records line:column per JSON
// pointer; findings on imported values can then point into the export file itself.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/model.h"
#include "core/expected.h"

namespace od::imports {

struct JsonDoc {
  nlohmann::json root;
  std::unordered_map<std::string, Pos> values;  // JSON pointer -> where its value starts
  std::unordered_map<std::string, Pos> keys;    // JSON pointer -> where its member name starts

  Pos value_pos(const std::string& pointer) const;
  Pos key_pos(const std::string& pointer) const;  // falls back to the value's position
};

// Parses `text` (the contents of `display`). Errors name display:line:column.
Expected<JsonDoc> parse_json(std::string_view text, const std::string& display);

// Appends one reference token to a JSON pointer ("~" and "/" escaped as RFC 6901 says).
std::string child(const std::string& pointer, std::string_view token);
std::string child(const std::string& pointer, size_t index);

// Line and column (1-based) of byte offsets in one text. The line starts are found once, so
// asking for a position per attribute of a long file stays linear.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  Pos at(size_t offset) const;

 private:
  std::vector<size_t> starts_;  // offset of each line's first byte
  size_t size_ = 0;
};

}  // namespace od::imports
