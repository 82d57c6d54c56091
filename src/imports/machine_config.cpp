#include "imports/machine_config.h"

#include <pugixml.hpp>

#include <unordered_map>

#include "config/loader.h"
#include "core/text.h"
#include "core/uri.h"
#include "imports/json_doc.h"

namespace od::imports {

namespace {

class Xml {
 public:
  Xml(std::string_view text, std::string display, int source)
      : text_(text), lines_(text), display_(std::move(display)), source_(source) {}

  Pos at(ptrdiff_t offset) const {
    if (offset < 0) return {};
    Pos p = lines_.at(static_cast<size_t>(offset));
    p.source = source_;
    return p;
  }
  Pos node(const pugi::xml_node& n) const { return at(n.offset_debug()); }
  // pugixml keeps offsets for nodes only; find the attribute inside its element's start tag.
  Pos attr(const pugi::xml_node& n, const pugi::xml_attribute& a, bool name = false) const {
    ptrdiff_t start = n.offset_debug();
    if (start < 0) return {};
    size_t end = text_.find('>', static_cast<size_t>(start));
    // Searched inside the start tag only, never on through the rest of the file.
    std::string_view tag = text_.substr(static_cast<size_t>(start), end == std::string_view::npos ? end : end - start);
    size_t found = tag.find(std::string(a.name()) + "=");
    if (found == std::string_view::npos) return node(n);
    found += static_cast<size_t>(start);
    if (name) return at(static_cast<ptrdiff_t>(found));
    size_t quote = text_.find_first_of("\"'", found);
    return at(static_cast<ptrdiff_t>(quote == std::string_view::npos ? found : quote + 1));
  }
  // Messages quote the file: written out printable, so an error is one line (see Reader::fail).
  Error fail(Pos p, std::string msg) const {
    return Error{p.known() ? display_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) : display_,
                 printable(msg)};
  }

 private:
  std::string_view text_;
  LineIndex lines_;
  std::string display_;
  int source_;
};

// .NET's own values for these attributes: true, false or unspecified, in any case.
std::optional<Error> tristate(const Xml& x, const pugi::xml_node& n, const char* name,
                              std::optional<Located<bool>>& out) {
  auto a = n.attribute(name);
  if (!a) return std::nullopt;
  std::string v = a.value();
  if (iequals(v, "true"))
    out = Located<bool>{true, x.attr(n, a)};
  else if (iequals(v, "false"))
    out = Located<bool>{false, x.attr(n, a)};
  else if (!iequals(v, "unspecified"))
    return x.fail(x.attr(n, a), std::string("`") + name + "` must be true, false or unspecified, found `" + v + "`");
  return std::nullopt;
}

std::optional<Error> only_known(const Xml& x, const pugi::xml_node& n, std::initializer_list<std::string_view> known) {
  for (auto a : n.attributes()) {
    bool ok = false;
    for (auto k : known) ok = ok || k == a.name();
    if (ok) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    return x.fail(x.attr(n, a, true), std::string(".NET refuses the attribute `") + a.name() + "` on <" + n.name() +
                                          "> (names are case-sensitive); expected one of: " + list);
  }
  return std::nullopt;
}

}  // namespace

Expected<MachineProxy> read_machine_config(const std::string& path, const std::string& display, int source) {
  auto text = read_text_file(path, 16 * 1024 * 1024);
  if (!text) return Error{display, text.error().message};
  Xml x(*text, display, source);
  pugi::xml_document doc;
  auto res = doc.load_buffer(text->data(), text->size());
  if (!res) return x.fail(x.at(res.offset), std::string("malformed XML: ") + res.description());
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "configuration")
    return x.fail(
        x.node(root),
        std::string("expected a .NET configuration file (root element <configuration>), found <") + root.name() + ">");
  MachineProxy out;
  out.where = x.node(root);
  auto dp = root.child("system.net").child("defaultProxy");
  if (!dp) {
    out.summary = "the Windows proxy settings (machine.config has no <defaultProxy>)";
    return out;
  }
  out.where = x.node(dp);
  if (auto e = only_known(x, dp, {"enabled", "useDefaultCredentials"})) return *e;
  std::optional<Located<bool>> enabled;
  if (auto e = tristate(x, dp, "enabled", enabled)) return *e;
  if (enabled && !enabled->value) {
    out.mode = MachineProxy::Mode::Direct;
    out.summary = "no proxy (<defaultProxy enabled=\"false\">)";
    return out;
  }
  auto proxy = dp.child("proxy");
  std::optional<Located<bool>> system, auto_detect;
  if (proxy) {
    if (auto e =
            only_known(x, proxy, {"usesystemdefault", "proxyaddress", "bypassonlocal", "autoDetect", "scriptLocation"}))
      return *e;
    if (auto e = tristate(x, proxy, "usesystemdefault", system)) return *e;
    if (auto e = tristate(x, proxy, "bypassonlocal", out.bypass_on_local)) return *e;
    if (auto e = tristate(x, proxy, "autoDetect", auto_detect)) return *e;
  }
  // <remove> drops every earlier entry with its address and <clear/> all of them. Entries are
  // marked dead through an index by address, so many removes over a long list stay linear.
  std::vector<std::optional<LStr>> entries;
  std::unordered_map<std::string, std::vector<size_t>> live;  // address -> indices in entries
  for (auto item : dp.child("bypasslist").children()) {
    std::string_view name = item.name();
    std::string address = item.attribute("address").value();
    if (name == "clear") {
      for (auto& e : entries) e.reset();
      live.clear();
    } else if (name == "remove") {
      if (auto it = live.find(address); it != live.end()) {
        for (size_t i : it->second) entries[i].reset();
        live.erase(it);
      }
    } else if (name == "add") {
      if (address.empty()) return x.fail(x.node(item), "<bypasslist><add> needs an `address` (a regular expression)");
      live[address].push_back(entries.size());
      entries.push_back(LStr{address, x.attr(item, item.attribute("address"))});
    }
  }
  for (auto& e : entries)
    if (e) out.bypass.push_back(std::move(*e));
  auto address = proxy.attribute("proxyaddress");
  if (address && *address.value()) {
    out.mode = MachineProxy::Mode::Explicit;
    out.address = {address.value(), x.attr(proxy, address)};
    auto u = Uri::parse(out.address.value);
    if (!u || !u->has_authority || u->host.empty())
      return x.fail(out.address.pos, "`proxyaddress` must be a URL such as http://proxy.acme.com:3128, found `" +
                                         out.address.value + "`");
    out.summary = "proxy " + out.address.value;
    return out;
  }
  bool scripted = proxy && *proxy.attribute("scriptLocation").value();
  if ((system && !system->value) && !scripted && !(auto_detect && auto_detect->value)) {
    out.mode = MachineProxy::Mode::Direct;
    out.summary = "no proxy (usesystemdefault=\"false\" and no proxyaddress)";
    return out;
  }
  out.summary = scripted ? "a proxy script (scriptLocation)" : "the Windows proxy settings (usesystemdefault)";
  return out;
}

}  // namespace od::imports
