// Fuzz targets (issue 14): each file in tests/fuzz/ is one entry point that reads outside input,
// written once as OD_FUZZ_TARGET(name) { ... }. Built two ways:
//  - with clang and -fsanitize=fuzzer (OD_LIBFUZZER defined): the body is libFuzzer's
//    LLVMFuzzerTestOneInput, one binary per target (`make fuzz`, the sanitizer build's smoke);
//  - in the ordinary build: the bodies register under their names in one binary, od-fuzz-replay,
//    which runs each target's seeds and regression inputs (tests/fuzz/regressions/<target>/).
// A target returns normally for every input; anything else (a crash, an uncaught exception, a
// sanitizer report, a broken invariant checked with OD_FUZZ_CHECK) is a finding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.h"

namespace od::fuzz {

using Entry = int (*)(const uint8_t*, size_t);
bool register_target(const char* name, Entry entry);

// A folder of this process's own (created on first use, under $TMPDIR), and a file written in it.
const std::string& scratch_dir();
std::string write_scratch(const std::string& name, std::string_view bytes);

// Stops the process with a message when `ok` is false: a broken invariant counts as a crash.
void check(bool ok, const char* what, const char* file, int line);

// Invariants every target checks on what it produced from outside input.
bool one_line(std::string_view message);  // an error message: one non-empty line
bool valid_json(std::string_view text);   // a JSON output parses (and so is valid UTF-8)

// The report options that ask for every findings format at once (text on stdout, the others to
// paths in the scratch folder, which the app layer only names; SARIF for one input size in
// eight), and the check of what came back: the machine formats parse, every note is one line.
std::vector<std::string> every_format(size_t input_size);
void check_report(const app::Report& report);

// `diagnose --file` on the bytes saved as `name` (its extension picks the reader), in text and
// JSON: an error is one line, the JSON parses.
void diagnose_file(const std::string& name, std::string_view bytes);

}  // namespace od::fuzz

#define OD_FUZZ_CHECK(cond) ::od::fuzz::check(static_cast<bool>(cond), #cond, __FILE__, __LINE__)

#ifdef OD_LIBFUZZER
#define OD_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#else
#define OD_FUZZ_TARGET(name)                                                                                         \
  static int od_fuzz_##name(const uint8_t* data, size_t size);                                                       \
  [[maybe_unused]] static const bool od_fuzz_registered_##name = ::od::fuzz::register_target(#name, od_fuzz_##name); \
  static int od_fuzz_##name(const uint8_t* data, size_t size)
#endif
