#include <filesystem>
#include <fstream>
#include <istream>

#include "app/app.h"
#include "core/files.h"
#include "core/json.h"
#include "diagnose/correlate.h"
#include "diagnose/input.h"
#include "diagnose/render.h"
#include "imports/load.h"
#include "report/html.h"
#include "rules/engine.h"

namespace od::app {

Expected<Report> diagnose(const DiagnoseOptions& o) {
  std::optional<Config> cfg;
  std::string platform = o.platform;
  if (!o.config.empty()) {
    // Correlation reads the file's structure only; secrets are never needed to point at them.
    auto loaded = load_config(o.config, {.resolve_secrets = false});
    if (!loaded) return loaded.error();
    if (!platform.empty() && platform != loaded->platform)
      return Error{"--platform", platform + " contradicts the config's platform " + loaded->platform};
    platform = loaded->platform;
    cfg = std::move(*loaded);
  }

  diagnose::Diagnoser diagnoser({.platform = platform});
  Expected<diagnose::InputStats> stats = Error{"", ""};
  if (!o.file.empty()) {
    if (auto e = not_a_regular_file(o.file)) return *e;
    std::ifstream in(o.file, std::ios::binary);
    if (!in) return Error{o.file, "cannot open for reading"};
    stats = diagnose::feed(in, o.file, diagnoser);
  } else if (o.input) {
    stats = diagnose::feed(*o.input, "stdin", diagnoser);
  } else {
    stats = diagnose::feed_text(o.text, "input", diagnoser);
  }
  if (!stats) return stats.error();

  diagnose::Result result = diagnoser.finish();
  result.bytes = stats->bytes;
  result.lines = stats->lines;
  if (cfg) diagnose::correlate(result.diagnoses, *cfg, run_rules(*cfg, o.today ? *o.today : Date::today_utc()));

  Report rep;
  std::string text;
  if (o.format == "json") {
    text = diagnose::render_json(result);
  } else if (o.format == "html") {
    // Drawn from the JSON document, as `oidc-doctor report` draws a saved one.
    auto doc = parse_json_as<nlohmann::ordered_json>(diagnose::render_json(result), "diagnose");
    if (!doc) return doc.error();
    text = render_diagnose_html(*doc);
  } else {
    text = diagnose::render_text(result, Style{o.color});
  }
  rep.outputs.push_back({"", o.format, std::move(text)});
  rep.exit_code = result.recognized() ? kOk : kFindings;
  rep.config = std::move(cfg);
  return rep;
}

}  // namespace od::app
