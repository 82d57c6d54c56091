#include "config/loader.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "config/schema.h"
#include "core/date.h"
#include "core/text.h"
#include "core/version.h"
#include "providers/provider.h"

namespace od {

namespace {

constexpr size_t kMaxConfigBytes = 16 * 1024 * 1024;

Pos pos_of(const YAML::Node& n) {
  auto m = n.Mark();
  if (m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

const char* type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "an undefined value";
  }
}

class Loader {
 public:
  Loader(std::string file, std::string base_dir, const LoadOptions& opts)
      : file_(std::move(file)), base_dir_(std::move(base_dir)), opts_(opts) {}

  // Parses and validates against `root`; returns the document for the caller to build from.
  Expected<YAML::Node> parse(std::string_view text, const schema::Object& root_schema) {
    YAML::Node root;
    const char* format = file_.ends_with(".json") ? "JSON" : "YAML";
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      Pos p{e.mark.line + 1, e.mark.column + 1};
      // yaml-cpp's messages do not mention tabs; a tab in the indentation up to the failing line
      // is the usual cause, so name it where it is.
      int line = 1;
      for (size_t i = 0; i < text.size() && (p.line <= 0 || line <= p.line); ++line) {
        size_t end = text.find('\n', i);
        if (end == std::string_view::npos) end = text.size();
        size_t indent = i;
        while (indent < end && (text[indent] == ' ' || text[indent] == '\t')) ++indent;
        if (auto tab = text.substr(i, indent - i).find('\t'); tab != std::string_view::npos)
          return fail({line, static_cast<int>(tab) + 1}, std::string("malformed ") + format +
                                                             ": a tab in the indentation; YAML indents with spaces "
                                                             "only (" +
                                                             e.msg + ")");
        i = end + 1;
      }
      return fail(p.line > 0 ? p : Pos{1, 1}, std::string("malformed ") + format + ": " + e.msg);
    } catch (const std::exception& e) {
      return fail({1, 1}, std::string("cannot parse: ") + e.what());
    }
    if (auto e = check_quotes(root, text)) return *e;
    if (!root.IsMap())
      return fail(pos_of(root).known() ? pos_of(root) : Pos{1, 1},
                  std::string("the config must be a mapping, found ") + type_name(root));
    cfg_.file = file_;
    cfg_.base_dir = base_dir_;
    if (auto e = validate(root, root_schema, "")) return *e;
    return root;
  }

  Expected<Config> run(std::string_view text) {
    auto root = parse(text, schema::root());
    if (!root) return root.error();
    if (auto e = build(*root)) return *e;
    cfg_.source = std::string(text);
    return std::move(cfg_);
  }

  Expected<LintSection> run_settings(std::string_view text) {
    auto root = parse(text, schema::settings_root());
    if (!root) return root.error();
    if (!cfg_.unknown_keys.empty()) {
      auto& u = cfg_.unknown_keys.front();
      return fail(u.pos, "unknown key `" + u.key + "` in a settings file" +
                             (u.suggestion.empty() ? "" : " (did you mean `" + u.suggestion + "`?)"));
    }
    auto e = get(*root, "lint");
    return lint_section(e.value, e.key);
  }

 private:
  // Messages quote config values, which may hold line breaks or terminal escapes ("\n" in a
  // JSON string): shown escaped, so the error stays the one line it is meant to be.
  Error fail(Pos p, std::string msg) const {
    return Error{file_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column), printable(msg)};
  }

  // yaml-cpp accepts a quoted scalar that is never closed and runs it to the end of the file,
  // which would surface as a confusing "missing key" later. Find the closing quote ourselves.
  // Aliases share their anchor's node, so a document of aliases of aliases ("billion laughs")
  // has exponentially many paths to few nodes: each node is visited once (identified by its
  // place in the text and its type), and a budget bounds whatever the identity misses.
  struct QuoteWalk {
    std::set<std::pair<long, int>> seen;
    size_t budget = 1'000'000;
  };
  std::optional<Error> check_quotes(const YAML::Node& root, std::string_view text) {
    QuoteWalk walk;
    return check_quotes(root, text, walk);
  }
  std::optional<Error> check_quotes(const YAML::Node& n, std::string_view text, QuoteWalk& walk) {
    if (walk.budget == 0)
      return fail(pos_of(n).known() ? pos_of(n) : Pos{1, 1},
                  std::string("malformed ") + (file_.ends_with(".json") ? "JSON" : "YAML") +
                      ": aliases expand to too many nodes (more than 1000000)");
    --walk.budget;
    if (auto m = n.Mark(); m.pos >= 0 && !walk.seen.insert({m.pos, static_cast<int>(n.Type())}).second)
      return std::nullopt;
    if (n.IsMap() || n.IsSequence()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        if (n.IsMap()) {
          if (auto e = check_quotes(it->first, text, walk)) return e;
          if (auto e = check_quotes(it->second, text, walk)) return e;
        } else if (auto e = check_quotes(*it, text, walk)) {
          return e;
        }
      }
      return std::nullopt;
    }
    auto m = n.Mark();
    if (!n.IsScalar() || m.pos < 0 || static_cast<size_t>(m.pos) >= text.size()) return std::nullopt;
    char q = text[static_cast<size_t>(m.pos)];
    if (q != '"' && q != '\'') return std::nullopt;
    for (size_t i = static_cast<size_t>(m.pos) + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return std::nullopt;
      }
    }
    return fail(pos_of(n), std::string("malformed ") + (file_.ends_with(".json") ? "JSON" : "YAML") +
                               ": this quoted string is never closed");
  }

  std::optional<Error> validate(const YAML::Node& map, const schema::Object& obj, const std::string& path) {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      YAML::Node k = it->first;  // a copy: it->first lives in a temporary proxy
      if (!k.IsScalar()) return fail(pos_of(k), "keys must be plain words");
      std::string key = k.Scalar();
      if (!seen.insert(key).second) return fail(pos_of(k), "duplicate key `" + key + "`");
      const schema::Field* f = obj.find(key);
      if (!f) {
        std::vector<std::string_view> names;
        for (auto& fld : obj.fields) names.push_back(fld.key);
        cfg_.unknown_keys.push_back({key, path, did_you_mean(key, names), pos_of(k)});
        continue;
      }
      std::string sub = path.empty() ? key : path + "." + key;
      if (auto e = check_value(it->second, *f, sub, pos_of(k))) return e;
    }
    for (auto& f : obj.fields) {
      if (f.required && !seen.count(std::string(f.key))) {
        Pos p = pos_of(map);
        return fail(p.known() ? p : Pos{1, 1},
                    "missing required key `" + std::string(f.key) + "`" + (path.empty() ? "" : " in `" + path + "`"));
      }
    }
    return std::nullopt;
  }

  std::optional<Error> check_value(const YAML::Node& v, const schema::Field& f, const std::string& path, Pos key_pos) {
    Pos p = pos_of(v).known() ? pos_of(v) : key_pos;
    auto want = [&](const char* what) { return fail(p, "`" + path + "` must be " + what + ", found " + type_name(v)); };
    using K = schema::Kind;
    switch (f.kind) {
      case K::String:
        if (!v.IsScalar()) return want("a string");
        break;
      case K::Boolean:
        if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false")) return want("true or false");
        break;
      case K::Integer:
        if (!v.IsScalar() || v.Scalar().empty() || v.Scalar().find_first_not_of("0123456789") != std::string::npos)
          return want("a whole number");
        break;
      case K::Date:
        if (!v.IsScalar()) return want("a date (YYYY-MM-DD)");
        if (!Date::parse(v.Scalar())) return fail(p, "`" + path + "` is not a date (YYYY-MM-DD): " + v.Scalar());
        break;
      case K::Version:
        if (!v.IsScalar()) return want("a version such as 11.18.1");
        if (!Version::parse(v.Scalar()))
          return fail(p, "`" + path + "` is not a version such as 11.18.1: " + v.Scalar());
        break;
      case K::Enum: {
        if (!v.IsScalar()) return want("one word");
        std::string s = v.Scalar();
        for (auto allowed : f.values)
          if (allowed == s) return std::nullopt;
        std::string list;
        for (auto allowed : f.values) list += (list.empty() ? "" : ", ") + std::string(allowed);
        // Another product's name for a provider we know (a Posit Connect template such as
        // `azure`) gets the kind we use for it, with the provider's display name.
        if (path == "provider.kind" || path.ends_with(".kind"))
          if (auto kind = providers::template_kind(s); kind && *kind != "generic")
            return fail(p, "`" + path + "` is `" + s + "`: " + std::string(providers::info(*kind).display) + " is `" +
                               std::string(*kind) + "` (expected one of: " + list + ")");
        std::string hint = did_you_mean(s, f.values);
        return fail(p, "`" + path + "` is `" + s + "`; expected one of: " + list +
                           (hint.empty() ? "" : " (did you mean `" + hint + "`?)"));
      }
      case K::StringList:
        if (!v.IsSequence()) return want("a list of strings");
        for (auto item : v)
          if (!item.IsScalar()) return fail(pos_of(item), "every item of `" + path + "` must be a string");
        break;
      case K::StringMap:
        if (!v.IsMap()) return want("a mapping of names to values");
        for (auto it = v.begin(); it != v.end(); ++it)
          if (!it->second.IsScalar())
            return fail(pos_of(it->second), "`" + path + "." + it->first.Scalar() + "` must be a single value");
        break;
      case K::Object:
        if (!v.IsMap()) return want("a mapping");
        return validate(v, *f.object, path);
      case K::ObjectList: {
        if (!v.IsSequence()) return want("a list of mappings");
        size_t i = 0;
        for (auto item : v) {
          std::string sub = path + "[" + std::to_string(i++) + "]";
          if (!item.IsMap())
            return fail(pos_of(item), "every item of `" + path + "` must be a mapping, found " + type_name(item));
          if (auto e = validate(item, *f.object, sub)) return e;
        }
        break;
      }
      case K::Proxy:
        if (v.IsScalar() && v.Scalar() == "none") break;
        if (!v.IsMap()) return want("the word none or a mapping with `address`");
        return validate(v, *f.object, path);
    }
    return std::nullopt;
  }

  static LStr lstr(const YAML::Node& n) { return {n.Scalar(), pos_of(n)}; }

  // Finds `key` in `map` and returns the key's position as well as the value.
  struct Entry {
    YAML::Node value;
    Pos key;
    explicit operator bool() const { return value.IsDefined() && !value.IsNull(); }
  };
  static Entry get(const YAML::Node& map, std::string_view key) {
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.Scalar() == key) return {it->second, pos_of(it->first)};
    return {YAML::Node(YAML::NodeType::Undefined), {}};
  }
  static std::optional<LStr> opt_str(const YAML::Node& map, std::string_view key) {
    if (auto e = get(map, key)) return lstr(e.value);
    return std::nullopt;
  }
  static std::optional<LList> opt_list(const YAML::Node& map, std::string_view key) {
    auto e = get(map, key);
    if (!e.value.IsDefined()) return std::nullopt;
    LList l{e.key, {}};
    if (e.value.IsSequence())
      for (auto item : e.value) l.items.push_back(lstr(item));
    return l;
  }

  std::optional<Error> resolve_secret(Secret& s, const std::string& text) {
    auto ref = [&](std::string_view prefix) -> std::optional<std::string> {
      if (text.size() > prefix.size() + 3 && text.starts_with("${") && text.ends_with("}") &&
          std::string_view(text).substr(2).starts_with(prefix))
        return text.substr(2 + prefix.size(), text.size() - 3 - prefix.size());
      return std::nullopt;
    };
    if (auto name = ref("env:")) {
      s.source = Secret::Source::Env;
      s.reference = "env:" + *name;
      if (!opts_.resolve_secrets) return std::nullopt;
      const char* v = std::getenv(name->c_str());
      if (!v) return fail(s.pos, "environment variable " + *name + " (used for client_secret) is not set");
      s.value = v;
    } else if (auto path = ref("file:")) {
      s.source = Secret::Source::File;
      s.reference = "file:" + *path;
      if (!opts_.resolve_secrets) return std::nullopt;
      std::filesystem::path p(*path);
      if (p.is_relative()) p = std::filesystem::path(base_dir_) / p;
      auto content = read_text_file(p.string(), 64 * 1024);
      if (!content) return fail(s.pos, "cannot read secret file " + *path + ": " + content.error().message);
      std::string v = *content;
      while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
      s.value = v;
    } else {
      s.source = Secret::Source::Literal;
      s.value = text;
    }
    return std::nullopt;
  }

  std::optional<Error> fill_client(Client& c, const YAML::Node& n) {
    c.client_id = opt_str(n, "client_id");
    if (auto e = get(n, "client_secret")) {
      Secret s;
      s.key = e.key;
      s.pos = pos_of(e.value);
      if (auto err = resolve_secret(s, e.value.Scalar())) return err;
      c.secret = std::move(s);
    }
    if (auto e = get(n, "secret_expires"))
      c.secret_expires = Located<Date>{*Date::parse(e.value.Scalar()), pos_of(e.value)};
    c.grant_types = opt_list(n, "grant_types");
    c.redirect_uris = opt_list(n, "redirect_uris");
    c.logout_uris = opt_list(n, "logout_uris");
    c.import_ref = opt_str(n, "import");  // read by the imports step after loading
    return std::nullopt;
  }

  LintSection lint_section(const YAML::Node& n, Pos pos) {
    LintSection l;
    l.file = file_;
    l.pos = pos;
    if (auto i = opt_list(n, "ignore")) l.ignore = i->items;
    if (auto sv = get(n, "severity"))
      for (auto it = sv.value.begin(); it != sv.value.end(); ++it) l.severity[it->first.Scalar()] = lstr(it->second);
    l.fail_on = opt_str(n, "fail_on");
    if (auto r = opt_str(n, "require_reason")) l.require_reason = r->value == "true";
    return l;
  }

  std::optional<Error> build(const YAML::Node& root) {
    if (auto v = get(root, "version"); v && v.value.Scalar() != "1")
      return fail(pos_of(v.value),
                  "unsupported config version " + v.value.Scalar() + "; this oidc-doctor reads version 1");
    cfg_.platform = get(root, "platform").value.Scalar();
    const bool posit = cfg_.platform == "posit-connect";

    if (auto p = get(root, "provider")) {
      cfg_.has_provider = true;
      const YAML::Node& n = p.value;
      cfg_.provider.pos = p.key;
      cfg_.provider.kind = get(n, "kind").value.Scalar();
      if (auto name = opt_str(n, "name")) cfg_.provider.name = name->value;
      cfg_.provider.metadata_url = opt_str(n, "metadata_url");
      cfg_.provider.username_claim = opt_str(n, "username_claim");
      cfg_.provider.scopes = opt_list(n, "scopes");
      cfg_.provider.audience = opt_str(n, "audience");
      for (auto [key, role, label] : {std::tuple{"web_client", Client::Role::Web, "web client"},
                                      std::tuple{"desktop_client", Client::Role::Desktop, "desktop client"}}) {
        auto e = get(n, key);
        if (!e) continue;
        Client c;
        c.role = role;
        c.id = key;
        c.label = label;
        c.pos = e.key;
        c.provider_kind = cfg_.provider.kind;
        c.metadata_url = cfg_.provider.metadata_url;
        c.secret_allowed_hosts = opt_list(n, "secret_allowed_hosts");
        c.scopes = cfg_.provider.scopes;
        c.scopes_owner = p.key;
        if (auto err = fill_client(c, e.value)) return err;
        cfg_.clients.push_back(std::move(c));
      }
    } else if (!posit) {
      return fail({1, 1}, "missing required key `provider`");
    }
    if (!posit) {
      if (!cfg_.provider.metadata_url)
        return fail(cfg_.provider.pos, "missing required key `metadata_url` in `provider`");
      if (!cfg_.client("web_client")) return fail(cfg_.provider.pos, "missing required key `web_client` in `provider`");
    }

    for (auto item : get(root, "environments").value) {
      Environment env;
      env.pos = pos_of(item);
      env.name = lstr(get(item, "name").value);
      env.url = lstr(get(item, "url").value);
      if (auto r = opt_str(item, "role")) env.role = r->value;
      if (auto v = get(item, "versions")) {
        env.has_versions = true;
        for (auto it = v.value.begin(); it != v.value.end(); ++it) env.versions[it->first.Scalar()] = lstr(it->second);
      }
      if (auto pr = get(item, "proxy"); pr.value.IsDefined()) {
        env.proxy.key = pr.key;
        if (pr.value.IsScalar()) {
          env.proxy.state = Proxy::State::None;
        } else if (auto mc = opt_str(pr.value, "machine_config")) {
          if (get(pr.value, "address") || get(pr.value, "bypass"))
            return fail(mc->pos, "give either `machine_config` or `address`/`bypass`, not both");
          env.proxy.machine_config_ref = *mc;  // read by the imports step after loading
        } else if (!get(pr.value, "address")) {
          return fail(pr.key, "`proxy` needs `address` (or `machine_config`), or the word none");
        } else {
          env.proxy.state = Proxy::State::Set;
          env.proxy.address = lstr(get(pr.value, "address").value);
          env.proxy.bypass = opt_list(pr.value, "bypass");
        }
      }
      cfg_.environments.push_back(std::move(env));
    }
    if (cfg_.environments.empty())
      return fail(get(root, "environments").key, "`environments` is empty; list at least one");

    if (auto t = get(root, "tools"))
      for (auto it = t.value.begin(); it != t.value.end(); ++it) cfg_.tools[it->first.Scalar()] = lstr(it->second);
    cfg_.oidc_activated_with_lifetime = opt_str(root, "oidc_activated_with_lifetime");
    if (auto u = get(root, "users")) {
      for (auto item : u.value) {
        User user;
        user.pos = pos_of(item);
        user.username = lstr(get(item, "username").value);
        if (auto c = get(item, "claims"))
          for (auto it = c.value.begin(); it != c.value.end(); ++it) user.claims[it->first.Scalar()] = lstr(it->second);
        cfg_.users.push_back(std::move(user));
      }
    }
    if (auto l = get(root, "lint")) cfg_.lint = lint_section(l.value, l.key);
    if (auto a = get(root, "app")) {
      cfg_.redirect_path = opt_str(a.value, "redirect_path");
      cfg_.logout_path = opt_str(a.value, "logout_path");
    }

    auto integrations = get(root, "integrations");
    if (posit && !integrations) return fail({1, 1}, "missing required key `integrations` (platform posit-connect)");
    if (integrations) {
      for (auto item : integrations.value) {
        Client c;
        c.role = Client::Role::Integration;
        std::string name = get(item, "name").value.Scalar();
        c.id = "integration:" + name;
        c.label = "integration '" + name + "'";
        c.pos = pos_of(item);
        c.template_name = get(item, "template").value.Scalar();
        // The schema only lets registered template names through.
        c.provider_kind = std::string(providers::template_kind(c.template_name).value_or("generic"));
        if (auto pv = get(item, "provider")) {
          // Templates fix the IdP; only the generic (custom) template says which one it talks to.
          if (auto k = opt_str(pv.value, "kind"); k && providers::template_kind(c.template_name) == "generic")
            c.provider_kind = k->value;
          c.metadata_url = opt_str(pv.value, "metadata_url");
          c.secret_allowed_hosts = opt_list(pv.value, "secret_allowed_hosts");
        }
        c.scopes = opt_list(item, "scopes");
        c.scopes_owner = c.pos;
        c.app_type = opt_str(item, "app_type");
        c.content = opt_list(item, "content");
        if (auto err = fill_client(c, item)) return err;
        cfg_.clients.push_back(std::move(c));
      }
    }
    return std::nullopt;
  }

  std::string file_, base_dir_;
  LoadOptions opts_;
  Config cfg_;
};

}  // namespace

Expected<Config> read_config_text(std::string_view text, const std::string& display_name, const std::string& base_dir,
                                  const LoadOptions& options) {
  if (text.find('\0') != std::string_view::npos)
    return Error{display_name, "looks like a binary file, not YAML or JSON"};
  return Loader(display_name, base_dir, options).run(text);
}

Expected<LintSection> load_settings(const std::string& path) {
  auto text = read_text_file(path, 1024 * 1024);
  if (!text) return text.error();
  return Loader(path, ".", {}).run_settings(*text);
}

std::string discover_settings(const std::string& dir) {
  std::error_code ec;
  auto p = std::filesystem::absolute(dir, ec).lexically_normal();
  if (ec) return "";
  while (!p.empty()) {
    std::error_code missing;  // a folder without the file is the normal case, not an error
    auto candidate = p / ".oidc-doctor.yaml";
    if (std::filesystem::is_regular_file(candidate, missing)) return candidate.string();
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  return "";
}

Expected<Config> read_config(const std::string& path, const LoadOptions& options) {
  auto text = read_text_file(path, kMaxConfigBytes);
  if (!text) return text.error();
  auto dir = std::filesystem::path(path).parent_path().string();
  return read_config_text(*text, path, dir.empty() ? "." : dir, options);
}

}  // namespace od
