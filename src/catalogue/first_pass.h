// The first pass over large inputs: where the next line holding a catalogue literal (or a
// marker of encoded text) starts, so every other line is skipped unread. Two engines answer
// the same question: RE2 (one alternation of the members, built lazily, no compile cost worth
// speaking of) and Hyperscan (a compiled database, several times faster over gigabytes). The
// Hyperscan database takes 50-100 ms to compile, so od-catalogue-gen compiles it at build time
// and the program loads its serialised bytes (well under a millisecond); compiling at run time
// is the fallback. Pastes never reach the first pass at all.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace od::catalogue {

struct FirstPassMember {
  std::string text;    // lower-cased literal, or a whole pattern when `regex`
  bool regex = false;  // a pattern without a usable literal, matched as a regex (case-folded)
};

class FirstPass {
 public:
  virtual ~FirstPass() = default;
  // Offset in `lowered` of a member match on the first line at or after `from` that holds one
  // (callers only use the line), or npos. `lowered` is ASCII-lower-cased whole lines: a match
  // never continues into text the caller has not passed yet.
  virtual size_t find(std::string_view lowered, size_t from) const = 0;
  // Every member that occurs in `lowered` (indexes into the member list, ascending, each once)
  // into `out`, or with `out` null only whether any does. Nullopt when this engine cannot say
  // (RE2's alternation finds one match, not all; the caller then asks an RE2::Set).
  virtual std::optional<bool> members_in(std::string_view lowered, std::vector<int>* out) const {
    (void)lowered;
    (void)out;
    return std::nullopt;
  }
  virtual std::string_view name() const = 0;
};

// FNV-1a over every member's kind and text: equal for equal member lists.
uint64_t fingerprint(const std::vector<FirstPassMember>& members);

std::unique_ptr<FirstPass> re2_first_pass(const std::vector<FirstPassMember>& members);
// Errors: a member Hyperscan cannot compile, an unsupported CPU, out of memory.
Expected<std::unique_ptr<FirstPass>> hyperscan_first_pass(const std::vector<FirstPassMember>& members);
// The same from a database compiled at build time: `prebuilt` is what hyperscan_serialize made.
// Errors: no database built in, one built for other members (its fingerprint differs), one the
// installed Hyperscan cannot load (another version, a CPU without the features it was built for).
Expected<std::unique_ptr<FirstPass>> hyperscan_first_pass(const std::vector<FirstPassMember>& members,
                                                          std::string_view prebuilt);
// For od-catalogue-gen: a database for `members`, compiled for any x86-64 CPU Hyperscan runs on
// (no AVX2 or AVX-512 required, generic tuning), serialised behind the members' fingerprint.
Expected<std::string> hyperscan_serialize(const std::vector<FirstPassMember>& members);

}  // namespace od::catalogue
