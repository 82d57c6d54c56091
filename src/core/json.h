// Reading members of parsed JSON without exceptions: what is absent or of another type reads as
// empty. One set of getters for every layer (discovery documents, JWKS, HAR files, exports).
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace od {

// Parsing JSON from outside (files, pastes, IdP bodies, token parts): never throws, refuses
// nesting deeper than `max_depth` before nlohmann builds anything (so no walker recurses past
// it), and reports numbers out of range (1E400) like any other malformed document. The error's
// `where` is `where:line:column`; `message` is one line.
template <class J = nlohmann::json>
Expected<J> parse_json_as(std::string_view text, const std::string& where, int max_depth = 64) {
  auto at = [&](size_t offset) {
    int line = 1, col = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) text[i] == '\n' ? (++line, col = 1) : ++col;
    return where + ":" + std::to_string(line) + ":" + std::to_string(col);
  };
  // Depth pre-scan: brackets inside strings (with their escapes) do not count.
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return Error{at(i), "JSON is nested more than " + std::to_string(max_depth) + " levels deep"};
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
  try {
    return J::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    std::string what = e.what();
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    return Error{at(e.byte > 0 ? e.byte - 1 : 0), "malformed JSON: " + what};
  } catch (const nlohmann::json::exception& e) {
    // out_of_range (a number such as 1E400 that no double holds) and anything else nlohmann throws.
    std::string what = e.what();
    if (auto b = what.find("] "); b != std::string::npos) what = what.substr(b + 2);
    return Error{where, "malformed JSON: " + what};
  }
}

inline Expected<nlohmann::json> parse_json(std::string_view text, const std::string& where, int max_depth = 64) {
  return parse_json_as<nlohmann::json>(text, where, max_depth);
}

// The parsed document, or a discarded value when `text` is not acceptable JSON (for callers that
// only try whether a body is JSON).
template <class J = nlohmann::json>
J try_parse_json(std::string_view text, int max_depth = 64) {
  auto r = parse_json_as<J>(text, std::string(), max_depth);
  return r ? std::move(r.value()) : J(J::value_t::discarded);
}

// The string member `key` of an object (json or ordered_json), or null when absent, not a
// string, or not an object.
template <class J>
const std::string* json_string_ptr(const J& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->template get_ptr<const std::string*>() : nullptr;
}

template <class J>
std::string json_string(const J& obj, const char* key) {
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

// Serialises without ever throwing: bytes that are not UTF-8 (a config value in Latin-1, a binary
// IdP body) become U+FFFD instead of a type_error that would lose the whole report.
template <class J>
std::string dump_json(const J& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace od
