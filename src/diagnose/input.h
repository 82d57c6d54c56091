// Reading what the user gives `diagnose`: pasted text, stdin or a file of any size. Logs are
// streamed in blocks with bounded memory; HAR files, JSON documents and HTML pages are read
// whole (up to a cap) because their structure spans lines.
#pragma once
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "core/expected.h"
#include "diagnose/engine.h"

namespace od::diagnose {

struct InputLimits {
  size_t block = 4 << 20;            // bytes read at a time from a stream
  size_t max_line = 1 << 20;         // longer lines are examined in pieces of this size
  size_t max_document = 256u << 20;  // HAR / JSON / HTML documents read whole
};

struct InputStats {
  uint64_t bytes = 0;
  uint64_t lines = 0;
};

// Feeds every unit of `in` to the diagnoser. `name` is used in errors ("trace.har:3:17").
// Errors: binary input, empty input, malformed HAR, read failures.
Expected<InputStats> feed(std::istream& in, const std::string& name, Diagnoser& diagnoser,
                          const InputLimits& limits = {});
Expected<InputStats> feed_text(std::string_view text, const std::string& name, Diagnoser& diagnoser);

// Convenience for callers that hold the whole input: feed + finish.
Expected<Result> diagnose_text(std::string_view text, const Options& options = {}, const std::string& name = "input");

}  // namespace od::diagnose
