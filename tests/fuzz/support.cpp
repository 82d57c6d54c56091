// What every fuzz target shares: a scratch folder per process, the invariant check and the
// registry the replay binary (replay_main.cpp) looks targets up in.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "fuzz.h"

namespace od::fuzz {

std::map<std::string, Entry>& registry() {
  static std::map<std::string, Entry> targets;
  return targets;
}

bool register_target(const char* name, Entry entry) {
  registry()[name] = entry;
  return true;
}

const std::string& scratch_dir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/od-fuzz-XXXXXX";
    if (!mkdtemp(templ.data())) {
      std::perror("od-fuzz: mkdtemp");
      std::abort();
    }
    static const std::string keep = templ;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(keep, ec);
    });
    return templ;
  }();
  return dir;
}

std::string write_scratch(const std::string& name, std::string_view bytes) {
  std::string path = scratch_dir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

void check(bool ok, const char* what, const char* file, int line) {
  if (ok) return;
  std::fprintf(stderr, "od-fuzz: invariant broken at %s:%d: %s\n", file, line, what);
  std::abort();
}

bool one_line(std::string_view message) { return !message.empty() && message.find('\n') == std::string_view::npos; }

bool valid_json(std::string_view text) { return nlohmann::json::accept(text); }

}  // namespace od::fuzz

namespace od::fuzz {

std::vector<std::string> every_format(size_t input_size) {
  std::vector<std::string> out = {"text"};
  for (const char* f : {"json", "sarif", "junit", "github", "gitlab", "concise"}) {
    // SARIF carries every rule's metadata (about 600 KB whatever the input), and writing and
    // re-parsing it took two thirds of each run under ASan: one input in eight renders it.
    if (std::string_view(f) == "sarif" && input_size % 8 != 0) continue;
    out.push_back(std::string(f) + "=" + scratch_dir() + "/out." + f);
  }
  return out;
}

void check_report(const app::Report& report) {
  for (auto& n : report.notes) OD_FUZZ_CHECK(one_line(n));
  for (auto& o : report.outputs)
    if (o.format == "json" || o.format == "sarif" || o.format == "gitlab") OD_FUZZ_CHECK(valid_json(o.text));
}

void diagnose_file(const std::string& name, std::string_view bytes) {
  auto path = write_scratch(name, bytes);
  for (const char* format : {"text", "json"}) {
    app::DiagnoseOptions o;
    o.file = path;
    o.format = format;
    auto r = app::diagnose(o);
    if (!r)
      OD_FUZZ_CHECK(one_line(r.error().message));
    else if (o.format == "json")
      for (auto& out : r->outputs) OD_FUZZ_CHECK(valid_json(out.text));
  }
}

}  // namespace od::fuzz
