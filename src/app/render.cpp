// `oidc-doctor report`: a saved JSON result drawn as the HTML page its run would have written.
#include <istream>
#include <iterator>

#include "app/app.h"
#include "core/files.h"
#include "core/json.h"
#include "report/html.h"

namespace od::app {

Expected<Report> render_saved(const RenderOptions& o) {
  std::vector<std::pair<std::string, std::string>> outs;  // (format, path)
  for (auto& f : o.formats) {
    auto eq = f.find('=');
    std::string format = f.substr(0, eq), path = eq == std::string::npos ? "" : f.substr(eq + 1);
    if (format != "html") return Error{"--format", "`report` writes html; got `" + format + "`"};
    if (eq != std::string::npos && path.empty()) return Error{"--format", "`" + f + "` names no file after ="};
    outs.emplace_back(format, path);
  }
  if (outs.empty()) outs.emplace_back("html", "");
  int on_stdout = 0;
  for (auto& [format, path] : outs)
    if (path.empty() && ++on_stdout > 1) return Error{"--format", "only one format can go to stdout"};

  std::string text;
  std::string where = o.input;
  if (o.input == "-") {
    if (!o.stdin_) return Error{"report", "no standard input"};
    where = "stdin";
    text.assign(std::istreambuf_iterator<char>(*o.stdin_), std::istreambuf_iterator<char>());
  } else {
    auto t = read_text_file(o.input, 256 * 1024 * 1024);
    if (!t) return t.error();
    text = std::move(*t);
  }
  auto doc = parse_json_as<nlohmann::ordered_json>(text, where);
  if (!doc) return doc.error();
  if (!doc->is_object()) return Error{where, "not an oidc-doctor JSON result (no object)"};
  std::string page;
  if (doc->contains("diagnoses")) {
    page = render_diagnose_html(*doc);
  } else if (doc->contains("findings")) {
    page = render_html(*doc);
  } else if (auto it = doc->find("configs"); it != doc->end() && it->is_array()) {
    if (it->size() != 1)
      return Error{where, "holds " + std::to_string(it->size()) +
                              " configs; an HTML page shows one: lint each config with --format json on its own"};
    page = render_html((*it)[0]);
  } else {
    return Error{where, "not an oidc-doctor JSON result: no `findings` (lint, preflight) or `diagnoses` (diagnose)"};
  }
  Report rep;
  for (auto& [format, path] : outs) rep.outputs.push_back({path, format, page});
  return rep;
}

}  // namespace od::app
