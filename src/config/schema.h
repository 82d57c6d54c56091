// The config schema as one table. The loader checks types and unknown keys with it, and
// `oidc-doctor schema` prints it as JSON Schema, so the two cannot disagree.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace od::schema {

enum class Kind { String, Integer, Boolean, Date, Version, Enum, StringList, Object, ObjectList, StringMap, Proxy };

struct Object;

struct Field {
  std::string_view key;
  Kind kind;
  bool required;
  std::string_view doc;
  const Object* object = nullptr;                 // Object, ObjectList, Proxy (its map form)
  std::span<const std::string_view> values = {};  // Enum
};

struct Object {
  std::string_view name;
  std::span<const Field> fields;
  const Field* find(std::string_view key) const;
};

const Object& root();
const Object& settings_root();     // .oidc-doctor.yaml: just the `lint:` section
std::string json_schema();         // pretty-printed JSON Schema (draft 2020-12)
std::string markdown_reference();  // the README's config reference table

}  // namespace od::schema
