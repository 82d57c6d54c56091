// Matching the catalogue against a text in two steps: find the candidate patterns through the
// required literals of every catalogue and family pattern (anchors.h), then run only those
// patterns as full regexes to confirm and extract.
// Candidates come from one RE2::Set of those literals. A pasted message (a few KiB) is instead
// searched literal by literal: compiling the Set costs more than the whole diagnosis (measured
// 1.5-3 ms against well under 1 ms). Large inputs also get a first pass over the same literals
// (first_pass.h: Hyperscan, or an RE2 alternation) that says where the next interesting line
// starts, so other lines are skipped unread.
#pragma once
#include <re2/re2.h>
#include <re2/set.h>

#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/first_pass.h"
#include "catalogue/params.h"
#include "core/expected.h"

namespace od::catalogue {

struct Hit {
  const catalogue::Entry* entry = nullptr;    // null: a family code that is not catalogued
  const catalogue::Family* family = nullptr;  // set when the code came from a family pattern
  std::string code;
  std::string group;          // what a family pattern captured ({1})
  size_t begin = 0, end = 0;  // hull of the matched text in the segment
  Params extracted;           // extractor name, value
  size_t length() const { return end - begin; }
};

class Matcher {
 public:
  // The one instance for the catalogue compiled into the binary.
  static const Matcher& get();

  // First pass over ASCII-lower-cased text: true when a catalogue literal occurs, or a marker of
  // encoded text (HTML entities, URL or JSON escaped error fields) that could hide one.
  bool worth_a_look(std::string_view lowered) const;

  // Whether `lowered` holds a literal of a pattern written to span lines ([\s\S], (?s)); the
  // caller then also matches the line together with the lines that follow it.
  bool spans_lines(std::string_view lowered) const;

  // All confirmed catalogue hits in one segment, with extracted values.
  // `tried` (indexed by pattern id, may be null) marks patterns already run on a text that
  // contains this one; they are skipped unless anchored at a line edge. It is updated.
  // `known`, when given, stands for the candidate search: the candidates of a text that contains
  // this one (a superset: what this text lacks fails on its literals). `listed`, when given,
  // receives the candidates searched for here.
  std::vector<Hit> match(std::string_view text, std::vector<char>* tried = nullptr,
                         const std::vector<int>* known = nullptr, std::vector<int>* listed = nullptr) const;
  size_t pattern_slots() const { return patterns_.size(); }

  const catalogue::Entry* entry(std::string_view code) const;

  // Candidate patterns for a lower-cased text. Auto uses Hyperscan's first-pass database (which
  // lists every member it finds) or, when that is not loaded, the RE2::Set once the input is
  // large (and from then on), a direct search of each literal before; tests compare all three.
  enum class Mode { Auto, Scan, Set, Hyperscan };
  // Offset in `lowered` of a catalogue literal or marker on the first line at or after `from`
  // that holds one, or npos. For large inputs only: the Set says which patterns, not where.
  // Auto is Hyperscan unless its database failed to compile (then RE2, see first_pass_error)
  // or OD_DIAGNOSE_FIRST_PASS=re2 is set (benchmarks compare the two). Both give the same lines.
  enum class Engine { Auto, Re2, Hyperscan };
  size_t find_literal(std::string_view lowered, size_t from, Engine engine = Engine::Auto) const;
  // Why Hyperscan is not used (after the first Auto or Hyperscan call), or nullopt.
  const std::optional<Error>& first_pass_error() const { return hs_error_; }
  // Whether Auto is Hyperscan with the database compiled at build time, loaded now if need be
  // (well under a millisecond, so every large input can use it). False when OD_DIAGNOSE_FIRST_PASS
  // is re2 or the database cannot load (see first_pass_prebuilt_error; Hyperscan then compiles
  // it on its first use, which pays off only for inputs of tens of MiB).
  bool first_pass_ready() const;
  const std::optional<Error>& first_pass_prebuilt_error() const { return hs_prebuilt_error_; }
  std::string_view first_pass_name() const;

  // From now on use Hyperscan or the Set: the input turned out large (a log, not a paste).
  void use_set() const {
    large_ = true;
    if (!set_ && !first_pass_ready()) build_set();
  }
  std::vector<int> candidates(std::string_view lowered, Mode mode) const;

  // The first-pass literals (lower-cased, unescaped), for comparisons with grep in the bench.
  std::vector<std::string> anchors() const { return {literals_.begin(), literals_.end()}; }

 private:
  Matcher();
  struct Pattern {
    const catalogue::Entry* entry;
    const catalogue::Family* family;
    std::string_view regex;
    std::span<const std::string_view> anchors;  // required literals, lower-cased (into the tables or owned_anchors_)
  };
  const RE2& compiled(size_t pattern) const;
  // Uses ^ or $, so a part of a text may match where the whole did not.
  bool edge(size_t pattern) const;
  mutable std::vector<signed char> edge_;  // per pattern: -1 not known yet, 0 or 1
  void build_set() const;
  bool is_regex_member(size_t m) const;
  bool present(std::string_view lowered, std::vector<int>* members, Mode mode) const;
  const RE2& extractor(std::string_view pattern) const;

  std::vector<Pattern> patterns_;
  mutable std::unique_ptr<RE2::Set> set_;  // built on first use by a large input
  mutable bool large_ = false;             // use_set() was called
  const FirstPass& first_pass(Engine engine) const;
  mutable std::unique_ptr<FirstPass> re2_pass_, hs_pass_;  // built on first use by a large input
  mutable std::optional<Error> hs_error_, hs_prebuilt_error_;
  mutable bool hs_tried_ = false, hs_prebuilt_tried_ = false, hs_prebuilt_ = false;
  std::vector<FirstPassMember> first_pass_members() const;
  std::vector<std::span<const int>> member_patterns_;  // Set member -> patterns; empty for markers
  // When the member tables are derived here rather than built in: what the spans point into.
  std::vector<int> owned_ids_;
  std::vector<std::vector<std::string_view>> owned_anchors_;
  std::vector<std::string_view> member_text_;  // into the generated tables, kMarkers or owned_
  std::deque<std::string> owned_;              // texts not in the generated tables
  std::vector<bool> member_multiline_;
  std::vector<int> multiline_members_;  // members with member_multiline_ set
  bool multiline_by_set_ = false;       // one of them is a regex: spans_lines() asks the Set
  std::vector<std::string_view> literals_;
  std::vector<int> regex_members_;  // members that are whole patterns (no literal found)
  std::vector<char> regex_member_;  // the same, indexed by member
  std::unordered_map<std::string_view, const catalogue::Entry*> by_code_;
  mutable std::vector<std::unique_ptr<RE2>> compiled_;
  mutable std::unordered_map<const char*, std::unique_ptr<RE2>> extractors_;
};

// Fills a family code or reference template: {1} becomes the captured number.
std::string fill_family(std::string_view templ, std::string_view group);

}  // namespace od::catalogue
