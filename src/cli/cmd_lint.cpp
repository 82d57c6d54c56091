#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/text.h"

namespace od::cli {

namespace {
// The configs to lint, in order: files as given, each folder's *.yaml, *.yml and *.json sorted by name.
std::vector<std::string> expand_configs(const CommonOptions& o) {
  if (o.configs.empty()) return {o.config};
  std::vector<std::string> out;
  for (auto& c : o.configs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(c, ec)) {
      out.push_back(c);
      continue;
    }
    std::vector<std::string> found;
    for (auto& e : std::filesystem::directory_iterator(c, ec)) {
      auto ext = e.path().extension().string();
      if (e.is_regular_file(ec) && (ext == ".yaml" || ext == ".yml" || ext == ".json"))
        found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// The worst of two exit codes: input error, then findings, then clean.
int worst(int a, int b) { return std::max(a, b); }

int run_lint(const CommonOptions& o) {
  auto today = o.today_date();
  if (!today) return report_error(today.error());
  auto configs = expand_configs(o);
  if (configs.empty())  // name the folders: one line that says where nothing was found
    return report_error({join(o.configs, ", "), "no *.yaml, *.yml or *.json config in the folders given"});
  auto lint_one = [&](const std::string& path) {
    CommonOptions one = o;
    one.config = path;
    // `-`: the config comes on standard input; settings are then looked for from the working directory.
    if (path == "-") one.config = "./-";
    return app::lint({.config = path == "-" ? "/dev/stdin" : path,
                      .resolve_secrets = !o.no_resolve_secrets && !o.print_config,
                      .today = *today,
                      .report = report_options(one)});
  };
  if (configs.size() == 1) return emit(lint_one(configs[0]));

  // Several configs: text (and the line formats github and concise) one after the other; json as one document
  // {"schema": 1, "configs": [<one lint document per config>]}. Other formats and F=PATH
  // outputs describe one config each, so they take one config per run.
  std::string format = "text";
  if (o.formats.size() > 1) return report_error({"--format", "with several configs, give one format on stdout"});
  if (!o.formats.empty()) format = o.formats[0];
  if (format != "text" && format != "json" && format != "github" && format != "concise")
    return report_error(
        {"--format", "`" + format + "` takes one config per run; with several, use text, json, github or concise"});
  int code = kOk;
  std::vector<std::string> docs;
  for (auto& path : configs) {
    auto rep = lint_one(path);
    if (!rep) {
      code = worst(code, report_error(rep.error()));
      continue;
    }
    code = worst(code, rep->exit_code);
    for (auto& out : rep->outputs) {
      if (format == "json") {
        std::string t = out.text;
        while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
        docs.push_back(t);
      } else {
        if (format == "text" && &path != &configs.front()) std::cout << "\n";
        std::cout << out.text;
      }
    }
    for (auto& n : rep->notes) std::cerr << "oidc-doctor: " << n << "\n";
  }
  if (format == "json") {
    std::cout << "{\"schema\": 1, \"configs\": [";
    for (size_t i = 0; i < docs.size(); ++i) std::cout << (i ? ",\n" : "\n") << docs[i];
    std::cout << "\n]}\n";
  }
  std::cout.flush();
  return code;
}
}  // namespace

void setup_lint(CLI::App& sub, Action& action) {
  auto o = std::make_shared<CommonOptions>();
  add_config_option(sub, *o, true);
  add_report_options(sub, *o);
  action = [o] { return run_lint(*o); };
}

}  // namespace od::cli
