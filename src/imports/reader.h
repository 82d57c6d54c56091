// Internal to src/imports/: typed, position-keeping access to an export's JSON. Member names
// are matched without regard to case because PowerShell's ConvertTo-Json writes Graph objects
// in PascalCase (AppId, Web.RedirectUris) while az and the portal write camelCase.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "imports/app.h"
#include "imports/json_doc.h"

namespace od::imports {

struct Node {
  const nlohmann::json* j = nullptr;
  std::string ptr;
  const nlohmann::json& operator*() const { return *j; }
  const nlohmann::json* operator->() const { return j; }
};

class Reader {
 public:
  Reader(const JsonDoc& doc, std::string display, int source)
      : doc_(doc), display_(std::move(display)), source_(source) {}

  Node root() const { return {&doc_.root, ""}; }
  const std::string& display() const { return display_; }
  int source() const { return source_; }

  // A member (any case); nullopt when absent or null.
  std::optional<Node> get(const Node& n, std::string_view key) const;
  bool has(const Node& n, std::string_view key) const { return get(n, key).has_value(); }
  std::vector<Node> items(const Node& n) const;  // array elements; empty unless an array

  Pos pos(const Node& n) const;  // where the value starts
  Pos key(const Node& n) const;  // where its member name starts

  std::optional<LStr> str(const Node& n, std::string_view key) const;
  // JSON booleans, and the "true"/"false" strings Keycloak keeps in `attributes`.
  std::optional<Located<bool>> boolean(const Node& n, std::string_view key) const;
  std::vector<LStr> strings(const Node& n) const;  // the string items of an array
  // ISO 8601 (2026-12-10T10:01:22Z) or Windows PowerShell's "\/Date(1765360882000)\/".
  std::optional<Located<Date>> date(const Node& n, std::string_view key) const;

  Error fail(Pos p, std::string message) const;
  Error fail(std::string message) const { return Error{display_, printable(message)}; }

 private:
  const JsonDoc& doc_;
  std::string display_;
  int source_;
};

// Per-provider readers. `client_id` picks the client where a file holds several.
Expected<App> read_entra(const Reader& r, const Node& app, Format format);
Expected<App> read_okta(const Reader& r, const Node& app, Format format);
Expected<App> read_keycloak(const Reader& r, const Node& client, Format format);

}  // namespace od::imports
