// Test helpers: paths into the source tree and running the real binary.
#pragma once
#include <filesystem>
#include <string>

namespace od::test {

std::string source_path(const std::string& relative);
std::string read_file(const std::string& path);

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs build/oidc-doctor with the arguments (shell-quoted by the caller) and optional stdin.
// `env` is an `env(1)` argument list put before the binary, e.g. "-u NO_COLOR FORCE_COLOR=1".
RunResult run_cli(const std::string& args, const std::string& stdin_text = "", const std::string& env = "");

// A temporary folder for one test, removed with the object; every instance gets its own.
struct Scratch {
  std::filesystem::path dir;
  explicit Scratch(const std::string& name = "scratch");
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  // Writes `text` to dir/name and returns the file's path.
  std::string write(const std::string& name, const std::string& text) const;
};

}  // namespace od::test
