#include "support.h"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace od::test {

std::string source_path(const std::string& relative) { return std::string(OD_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult run_cli(const std::string& args, const std::string& stdin_text, const std::string& env) {
  auto dir = std::filesystem::temp_directory_path() / ("od-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto in = (dir / "stdin").string(), out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = std::string("cd ") + OD_SOURCE_DIR + " && " + (env.empty() ? "" : "env " + env + " ") + OD_BINARY +
                    " " + args + " <" + in + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

Scratch::Scratch(const std::string& name) {
  static int counter = 0;
  dir = std::filesystem::temp_directory_path() /
        ("od-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::filesystem::create_directories(dir);
}

Scratch::~Scratch() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

std::string Scratch::write(const std::string& name, const std::string& text) const {
  std::ofstream(dir / name, std::ios::binary) << text;
  return (dir / name).string();
}

}  // namespace od::test
