// Reading members of parsed JSON without exceptions: what is absent or of another type reads as
// empty. One set of getters for every layer (discovery documents, JWKS, HAR files, exports).
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace od {

// The string member `key` of an object, or null when absent, not a string, or not an object.
inline const std::string* json_string_ptr(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

inline std::string json_string(const nlohmann::json& obj, const char* key) {
  const std::string* s = json_string_ptr(obj, key);
  return s ? *s : std::string();
}

// The string items of array member `key` (other items skipped), or nullopt when it is no array.
inline std::optional<std::vector<std::string>> json_string_list(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace od
