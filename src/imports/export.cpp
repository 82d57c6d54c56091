// Reading an export file: encoding checks, telling the IdP formats apart, and picking the
// configured client out of files that hold several.
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "core/text.h"
#include "core/uri.h"
#include "imports/reader.h"

namespace od::imports {

std::string fmt_missing(std::string_view what, const std::string& client_id, const std::string& ids);

namespace {

constexpr size_t kMaxExportBytes = 64 * 1024 * 1024;  // whole realm exports can be large

std::string keys_of(const nlohmann::json& j) {
  std::string out;
  int n = 0;
  for (auto it = j.begin(); it != j.end() && n < 6; ++it, ++n) out += (out.empty() ? "" : ", ") + it.key();
  if (j.size() > 6) out += ", ...";
  return out.empty() ? "none" : out;
}

const char* kExpected =
    "expected an Entra app registration (manifest or Microsoft Graph application JSON), an Okta app object, "
    "or a Keycloak client representation or realm export";

enum class Shape {
  Unknown,
  EntraGraph,
  EntraAadGraph,
  EntraServicePrincipal,
  OktaApp,
  OktaClient,
  KeycloakClient,
  KeycloakRealm
};

Shape shape_of(const Reader& r, const Node& n) {
  if (!n->is_object()) return Shape::Unknown;
  if (r.has(n, "servicePrincipalType") || r.has(n, "appOwnerOrganizationId")) return Shape::EntraServicePrincipal;
  if (r.has(n, "appId")) return r.has(n, "replyUrlsWithType") ? Shape::EntraAadGraph : Shape::EntraGraph;
  if (r.has(n, "signOnMode")) return Shape::OktaApp;
  if (auto s = r.get(n, "settings"); s && r.has(*s, "oauthClient")) return Shape::OktaApp;
  if (r.has(n, "realm") && r.has(n, "clients")) return Shape::KeycloakRealm;
  if (r.has(n, "clientId")) return Shape::KeycloakClient;
  if (n->contains("client_id") && (n->contains("redirect_uris") || n->contains("grant_types")))
    return Shape::OktaClient;
  return Shape::Unknown;
}

// The id a client object is known by, for picking one out of a list.
std::string id_of(const Reader& r, const Node& n, Shape s) {
  auto text = [&](const Node& at, std::string_view key) {
    auto v = r.str(at, key);
    return v ? v->value : std::string();
  };
  switch (s) {
    case Shape::EntraGraph:
    case Shape::EntraAadGraph: return text(n, "appId");
    case Shape::OktaApp:
      if (auto c = r.get(n, "credentials"))
        if (auto o = r.get(*c, "oauthClient")) return text(*o, "client_id");
      return text(n, "id");
    case Shape::OktaClient: return text(n, "client_id");
    case Shape::KeycloakClient: return text(n, "clientId");
    default: return "";
  }
}

Expected<App> read_one(const Reader& r, const Node& n, Shape s) {
  switch (s) {
    case Shape::EntraGraph: return read_entra(r, n, Format::EntraGraph);
    case Shape::EntraAadGraph: return read_entra(r, n, Format::EntraAadGraph);
    case Shape::OktaApp: return read_okta(r, n, Format::OktaApp);
    case Shape::OktaClient: return read_okta(r, n, Format::OktaClient);
    case Shape::KeycloakClient: return read_keycloak(r, n, Format::KeycloakClient);
    case Shape::EntraServicePrincipal:
      return r.fail(r.pos(n),
                    "this is an Entra service principal (Enterprise application), which holds no redirect URIs "
                    "or secrets; export the app registration instead (App registrations > Manifest, or "
                    "`az ad app show --id <client id>`)");
    default: break;
  }
  return r.fail(r.pos(n), std::string(kExpected) + "; found an object with keys: " + keys_of(*n));
}

// A list of clients (Graph `value`, Okta or Keycloak arrays, realm `clients`): pick ours.
Expected<App> pick(const Reader& r, const Node& list, const std::string& client_id, std::string_view what,
                   std::optional<Format> realm) {
  std::vector<std::string> seen;
  // No client id asked for: the list's only client, if it holds one.
  std::string wanted = client_id;
  if (wanted.empty()) {
    for (auto& item : r.items(list))
      if (auto id = id_of(r, item, shape_of(r, item)); !id.empty()) seen.push_back(id);
    if (seen.size() != 1) {
      std::string ids;
      for (size_t i = 0; i < seen.size() && i < 8; ++i) ids += (i ? ", " : "") + seen[i];
      if (seen.size() > 8) ids += ", ...";
      return r.fail(r.pos(list), std::string(what) + " holds " + std::to_string(seen.size()) +
                                     " clients; name the one to use" + (ids.empty() ? "" : " (it has: " + ids + ")"));
    }
    wanted = seen.front();
    seen.clear();
  }
  for (auto& item : r.items(list)) {
    Shape s = shape_of(r, item);
    std::string id = id_of(r, item, s);
    if (!id.empty()) seen.push_back(id);
    if (id != wanted) continue;
    auto app = read_one(r, item, s);
    if (app && realm) app->format = *realm;
    return app;
  }
  std::string list_text;
  for (size_t i = 0; i < seen.size() && i < 8; ++i) list_text += (i ? ", " : "") + seen[i];
  if (seen.size() > 8) list_text += ", ...";
  return r.fail(r.pos(list), fmt_missing(what, client_id, list_text));
}

}  // namespace

std::string_view format_name(Format f) {
  switch (f) {
    case Format::EntraGraph: return "Entra app registration (Microsoft Graph application)";
    case Format::EntraAadGraph: return "Entra app manifest (Azure AD Graph format)";
    case Format::OktaApp: return "Okta app object";
    case Format::OktaClient: return "Okta OAuth client";
    case Format::KeycloakClient: return "Keycloak client representation";
    case Format::KeycloakRealm: return "Keycloak realm export";
  }
  return "";
}

std::string_view format_provider(Format f) {
  switch (f) {
    case Format::EntraGraph:
    case Format::EntraAadGraph: return "entra";
    case Format::OktaApp:
    case Format::OktaClient: return "okta";
    case Format::KeycloakClient:
    case Format::KeycloakRealm: return "keycloak";
  }
  return "";
}

std::string_view platform_label(UriPlatform p) {
  switch (p) {
    case UriPlatform::Web: return "Web";
    case UriPlatform::Spa: return "Single-page application";
    case UriPlatform::PublicClient: return "Mobile and desktop applications";
    case UriPlatform::Any: break;
  }
  return "";
}

std::string fmt_missing(std::string_view what, const std::string& client_id, const std::string& ids) {
  return std::string(what) + " has no client `" + client_id + "`" + (ids.empty() ? "" : " (it has: " + ids + ")");
}

std::optional<Node> Reader::get(const Node& n, std::string_view key) const {
  if (!n.j || !n.j->is_object()) return std::nullopt;
  auto exact = n.j->find(std::string(key));
  if (exact == n.j->end())
    for (auto it = n.j->begin(); it != n.j->end(); ++it)
      if (iequals(it.key(), key)) {
        exact = it;
        break;
      }
  if (exact == n.j->end() || exact->is_null()) return std::nullopt;
  return Node{&*exact, child(n.ptr, exact.key())};
}

std::vector<Node> Reader::items(const Node& n) const {
  std::vector<Node> out;
  if (!n.j || !n.j->is_array()) return out;
  for (size_t i = 0; i < n.j->size(); ++i) out.push_back({&(*n.j)[i], child(n.ptr, i)});
  return out;
}

Pos Reader::pos(const Node& n) const {
  Pos p = doc_.value_pos(n.ptr);
  p.source = source_;
  return p;
}

Pos Reader::key(const Node& n) const {
  Pos p = doc_.key_pos(n.ptr);
  p.source = source_;
  return p;
}

std::optional<LStr> Reader::str(const Node& n, std::string_view k) const {
  auto v = get(n, k);
  if (!v || !(*v)->is_string()) return std::nullopt;
  return LStr{(*v)->get<std::string>(), pos(*v)};
}

std::optional<Located<bool>> Reader::boolean(const Node& n, std::string_view k) const {
  auto v = get(n, k);
  if (!v) return std::nullopt;
  if ((*v)->is_boolean()) return Located<bool>{(*v)->get<bool>(), pos(*v)};
  if ((*v)->is_string()) {
    auto s = (*v)->get<std::string>();
    if (iequals(s, "true")) return Located<bool>{true, pos(*v)};
    if (iequals(s, "false")) return Located<bool>{false, pos(*v)};
  }
  return std::nullopt;
}

std::vector<LStr> Reader::strings(const Node& n) const {
  std::vector<LStr> out;
  for (auto& item : items(n))
    if (item->is_string()) out.push_back({item->get<std::string>(), pos(item)});
  return out;
}

std::optional<Located<Date>> Reader::date(const Node& n, std::string_view k) const {
  auto v = str(n, k);
  if (!v) return std::nullopt;
  std::string_view s = v->value;
  if (auto d = Date::parse(s.substr(0, 10))) return Located<Date>{*d, v->pos};
  if (s.starts_with("/Date(")) {
    long long ms = 0;
    size_t i = 6;
    bool neg = i < s.size() && s[i] == '-';
    if (neg) ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ms = ms * 10 + (s[i] - '0');
    if (neg) ms = -ms;
    long long days = ms / 86400000 - (ms % 86400000 < 0 ? 1 : 0);
    return Located<Date>{Date{static_cast<int>(days)}, v->pos};
  }
  return std::nullopt;
}

// Messages quote the export (its keys, its values): control characters and line breaks in them
// are written out (printable), so the error stays one line and cannot drive the terminal.
Error Reader::fail(Pos p, std::string message) const {
  if (!p.known()) return Error{display_, printable(message)};
  return Error{display_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column), printable(message)};
}

Expected<App> read_export(const std::string& path, const std::string& display, int source,
                          const std::string& client_id) {
  if (auto e = not_a_regular_file(path); e && e->message != "no such file") return Error{display, e->message};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{display, "cannot open the export for reading (no such file?)"};
  std::string text = read_capped(in, kMaxExportBytes);
  if (text.size() > kMaxExportBytes) return Error{display, "the export is larger than 64 MiB"};
  // Windows PowerShell 5 writes UTF-16 with `>`; say so instead of calling it binary.
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
    return Error{display, "the export is UTF-16 encoded; save it as UTF-8 (PowerShell: `| Out-File -Encoding utf8`)"};
  if (text.find('\0') != std::string::npos) return Error{display, "looks like a binary file, not a JSON export"};
  size_t first = text.find_first_not_of(" \t\r\n", text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  if (first != std::string::npos && text[first] == '<')
    return Error{display, std::string("this is XML (SAML metadata?), not JSON; ") + kExpected};
  auto doc = parse_json(text, display);
  if (!doc) return doc.error();
  Reader r(*doc, display, source);
  Node root = r.root();

  Expected<App> app = Error{};
  if (root->is_array()) {
    app = pick(r, root, client_id, "the list", std::nullopt);
  } else if (!root->is_object()) {
    return r.fail(r.pos(root), std::string(kExpected) + "; found a JSON " + root->type_name());
  } else if (auto value = r.get(root, "value"); value && (*value)->is_array() && !r.has(root, "appId")) {
    app = pick(r, *value, client_id, "the Microsoft Graph list", std::nullopt);
  } else if (shape_of(r, root) == Shape::KeycloakRealm) {
    auto realm = r.str(root, "realm");
    app = pick(r, *r.get(root, "clients"), client_id, "realm `" + (realm ? realm->value : std::string("?")) + "`",
               Format::KeycloakRealm);
  } else {
    app = read_one(r, root, shape_of(r, root));
  }
  if (!app) return app;
  app->file = display;
  app->source = source;
  return app;
}

}  // namespace od::imports
