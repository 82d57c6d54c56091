// od-fuzz-replay TARGET PATH...: runs one fuzz target's body once on every file named, or found
// under a named folder, without libFuzzer (the ordinary build's regression and seed replay).
// Exit 0 when every input returned; a crash or broken invariant ends the process on that input,
// whose path was printed first.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz.h"

namespace od::fuzz {
std::map<std::string, Entry>& registry();
}

int main(int argc, char** argv) {
  auto& targets = od::fuzz::registry();
  if (argc < 2 || !targets.count(argv[1])) {
    std::fprintf(stderr, "usage: od-fuzz-replay TARGET PATH...\ntargets:");
    for (auto& [name, entry] : targets) std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
  }
  auto entry = targets[argv[1]];
  std::vector<std::filesystem::path> inputs;
  for (int i = 2; i < argc; ++i) {
    std::filesystem::path p = argv[i];
    if (std::filesystem::is_directory(p)) {
      for (auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else if (std::filesystem::is_regular_file(p)) {
      inputs.push_back(p);
    } else {
      std::fprintf(stderr, "od-fuzz-replay: %s: no such file or folder\n", argv[i]);
      return 2;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (auto& p : inputs) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "%s\n", p.c_str());
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("od-fuzz-replay %s: %zu inputs, all returned\n", argv[1], inputs.size());
  return 0;
}
