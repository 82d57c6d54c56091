#include "catalogue/matcher.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <tuple>

#include "catalogue/anchors.h"
#include "catalogue/members.h"

namespace od::catalogue {

// Defined in the generated catalogue_first_pass.cpp: the serialised Hyperscan database of the
// first-pass members (hyperscan_serialize), empty when the build could not make one.
namespace generated {
std::string_view first_pass_database();
}  // namespace generated

namespace {

RE2::Options set_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

constexpr size_t kScanLimit = 8 << 10;  // beyond this the RE2::Set pays for its compilation
constexpr int kMaxSpanProgram = 1500;

std::pair<size_t, size_t> literal_span(std::string_view lowered, std::span<const std::string_view> anchors) {
  for (auto& a : anchors)
    if (size_t at = lowered.find(a); at != std::string_view::npos) return {at, at + a.size()};
  return {0, 0};
}

// ^ or $ outside a character class.
bool uses_line_edges(std::string_view re) {
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\')
      ++i;
    else if (in_class)
      in_class = c != ']';
    else if (c == '[') {
      in_class = true;
      if (i + 1 < re.size() && re[i + 1] == '^') ++i;
      if (i + 1 < re.size() && re[i + 1] == ']') ++i;
    } else if (c == '^' || c == '$')
      return true;
  }
  return false;
}

// A long bounded gap ("[^\n]{0,300}" between two phrases of a message) costs RE2 milliseconds to
// compile, one copy of the gap per repeat: more than the rest of a paste's diagnosis. To confirm
// a candidate it is read as unbounded ({0,} on the line, or within the few joined lines a
// multi-line pattern sees), which only widens how far apart the phrases may be.
constexpr int kMaxBoundedRepeat = 100;

std::string relax_long_repeats(std::string_view re) {
  std::string out;
  out.reserve(re.size());
  bool in_class = false;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      out += c;
      out += re[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < re.size() && re[i + 1] == '^') out += re[++i];
      if (i + 1 < re.size() && re[i + 1] == ']') out += re[++i];
      continue;
    }
    if (c == '{') {
      size_t j = i + 1, min_end, max_begin;
      while (j < re.size() && std::isdigit(static_cast<unsigned char>(re[j]))) ++j;
      min_end = j;
      if (min_end > i + 1 && j < re.size() && re[j] == ',') {
        max_begin = ++j;
        while (j < re.size() && std::isdigit(static_cast<unsigned char>(re[j]))) ++j;
        if (j > max_begin && j < re.size() && re[j] == '}' &&
            std::stoi(std::string(re.substr(max_begin, j - max_begin))) >= kMaxBoundedRepeat) {
          out.append(re.substr(i, min_end - i));
          out += ",}";
          i = j;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

}  // namespace

std::string fill_family(std::string_view templ, std::string_view group) {
  std::string out;
  for (size_t i = 0; i < templ.size(); ++i) {
    if (templ.compare(i, 3, "{1}") == 0) {
      out += group;
      i += 2;
    } else {
      out += templ[i];
    }
  }
  return out;
}

const Matcher& Matcher::get() {
  // Never destroyed: freeing its tables at exit costs a paste's diagnosis a tenth of its time.
  static const Matcher* m = new Matcher;
  return *m;
}

Matcher::Matcher() {
  patterns_.reserve(catalogue::pattern_literals().size());
  by_code_.reserve(catalogue::entries().size());
  for (auto& e : catalogue::entries()) {
    by_code_.emplace(e.code, &e);
    for (auto p : e.patterns) patterns_.push_back({&e, nullptr, p, {}});
  }
  for (auto& f : catalogue::families()) patterns_.push_back({nullptr, &f, f.pattern, {}});
  compiled_.resize(patterns_.size());
  // Whether a pattern uses ^ or $ is worked out when first asked: reading every pattern here was
  // half the matcher's start-up, which every pasted message pays.
  edge_.assign(patterns_.size(), -1);

  // The literals and the member tables were worked out at build time (catalogue_gen) and are
  // used in place; tables that do not line up with the patterns (never expected) are derived
  // again here.
  auto built = catalogue::pattern_literals();
  auto tables = generated::member_tables();
  bool prebuilt = built.size() == patterns_.size();
  bool tables_fit = prebuilt && !tables.text.empty() && tables.regex.size() == tables.text.size() &&
                    tables.start.size() == tables.text.size() + 1 &&
                    tables.start.back() == static_cast<int>(tables.patterns.size()) &&
                    std::all_of(tables.patterns.begin(), tables.patterns.end(),
                                [&](int id) { return id >= 0 && static_cast<size_t>(id) < patterns_.size(); });
  if (tables_fit) {
    member_text_.assign(tables.text.begin(), tables.text.end());
    regex_member_.assign(tables.regex.begin(), tables.regex.end());
    literals_.assign(tables.literals.begin(), tables.literals.end());
    member_patterns_.reserve(member_text_.size());
    for (size_t m = 0; m < member_text_.size(); ++m)
      member_patterns_.push_back(tables.patterns.subspan(static_cast<size_t>(tables.start[m]),
                                                         static_cast<size_t>(tables.start[m + 1] - tables.start[m])));
    for (size_t i = 0; i < patterns_.size(); ++i) patterns_[i].anchors = built[i];
  } else {
    std::vector<std::string_view> regexes;
    std::vector<std::vector<std::string_view>> lits(patterns_.size());
    regexes.reserve(patterns_.size());
    for (size_t i = 0; i < patterns_.size(); ++i) {
      regexes.push_back(patterns_[i].regex);
      if (prebuilt) {
        lits[i].assign(built[i].begin(), built[i].end());
      } else {
        for (auto& l : required_literals(patterns_[i].regex)) lits[i].push_back(owned_.emplace_back(l));
      }
    }
    MemberPlan plan = plan_members(regexes, lits, owned_);
    member_text_ = std::move(plan.text);
    literals_ = std::move(plan.literals);
    regex_member_ = std::move(plan.regex);
    owned_anchors_ = std::move(plan.anchors);
    for (size_t i = 0; i < patterns_.size(); ++i) patterns_[i].anchors = owned_anchors_[i];
    std::vector<size_t> start;
    for (auto& ids : plan.patterns) {
      start.push_back(owned_ids_.size());
      owned_ids_.insert(owned_ids_.end(), ids.begin(), ids.end());
    }
    for (size_t m = 0; m < start.size(); ++m)
      member_patterns_.push_back(std::span<const int>(owned_ids_).subspan(start[m], plan.patterns[m].size()));
  }
  for (size_t m = 0; m < regex_member_.size(); ++m)
    if (regex_member_[m]) regex_members_.push_back(static_cast<int>(m));
  std::vector<char> multiline(patterns_.size(), 0);
  for (size_t id = 0; id < patterns_.size(); ++id) {
    std::string_view re = patterns_[id].regex;
    multiline[id] = re.find("[\\s\\S]") != std::string_view::npos || re.find("[\\S\\s]") != std::string_view::npos ||
                    re.find("(?s") != std::string_view::npos;
  }
  member_multiline_.assign(member_text_.size(), false);
  for (size_t m = 0; m < member_text_.size(); ++m)
    for (int id : member_patterns_[m])
      if (multiline[id]) member_multiline_[m] = true;
  for (size_t m = 0; m < member_text_.size(); ++m)
    if (member_multiline_[m]) {
      if (regex_member_[m]) multiline_by_set_ = true;
      multiline_members_.push_back(static_cast<int>(m));
    }
}

void Matcher::build_set() const {
  // Members are literals unless a pattern had none; then every member is written as a regex.
  bool literal = regex_members_.empty();
  RE2::Options o = set_options();
  o.set_literal(literal);
  set_ = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  for (size_t m = 0; m < member_text_.size(); ++m)
    set_->Add(literal || is_regex_member(m)
                  ? member_text_[m]
                  : RE2::QuoteMeta(re2::StringPiece(member_text_[m].data(), member_text_[m].size())),
              nullptr);
  set_->Compile();
}

namespace {
bool re2_forced() {
  static const bool forced = [] {
    const char* v = std::getenv("OD_DIAGNOSE_FIRST_PASS");
    return v && std::string_view(v) == "re2";
  }();
  return forced;
}
}  // namespace

bool Matcher::first_pass_ready() const {
  if (re2_forced()) return false;
  if (!hs_prebuilt_tried_) {
    hs_prebuilt_tried_ = true;
    auto built = hyperscan_first_pass(first_pass_members(), generated::first_pass_database());
    if (built) {
      hs_pass_ = std::move(*built);
      hs_prebuilt_ = true;
      hs_tried_ = true;
    } else {
      hs_prebuilt_error_ = built.error();
    }
  }
  return hs_prebuilt_;
}

std::vector<FirstPassMember> Matcher::first_pass_members() const {
  std::vector<FirstPassMember> members;
  members.reserve(member_text_.size());
  for (size_t m = 0; m < member_text_.size(); ++m)
    members.push_back({std::string(member_text_[m]), is_regex_member(m)});
  return members;
}

const FirstPass& Matcher::first_pass(Engine engine) const {
  if (engine == Engine::Auto) engine = re2_forced() ? Engine::Re2 : Engine::Hyperscan;
  // The database compiled at build time; compiling it now (50-100 ms) only when it cannot load.
  if (engine == Engine::Hyperscan && !first_pass_ready() && !hs_tried_) {
    hs_tried_ = true;
    auto built = hyperscan_first_pass(first_pass_members());
    if (built)
      hs_pass_ = std::move(*built);
    else
      hs_error_ = built.error();
  }
  if (engine == Engine::Hyperscan && hs_pass_) return *hs_pass_;
  // RE2 asked for, or Hyperscan could not compile: the same answers, slower.
  if (!re2_pass_) re2_pass_ = re2_first_pass(first_pass_members());
  return *re2_pass_;
}

std::string_view Matcher::first_pass_name() const { return first_pass(Engine::Auto).name(); }

size_t Matcher::find_literal(std::string_view lowered, size_t from, Engine engine) const {
  return first_pass(engine).find(lowered, from);
}

bool Matcher::is_regex_member(size_t m) const { return m < regex_member_.size() && regex_member_[m]; }

bool Matcher::present(std::string_view lowered, std::vector<int>* out, Mode mode) const {
  if (mode == Mode::Auto) mode = large_ || set_ || lowered.size() > kScanLimit ? Mode::Hyperscan : Mode::Scan;
  if (mode == Mode::Hyperscan) {
    // The prebuilt database holds exactly these members, so it can list them (about twice as fast
    // as the Set on a log line); not when it is not loaded or RE2 is asked for.
    if (first_pass_ready())
      if (auto any = hs_pass_->members_in(lowered, out)) return *any;
    mode = Mode::Set;
  }
  if (mode == Mode::Set) {
    if (!set_) build_set();
    return set_->Match(lowered, out);
  }
  // Small texts: searching each literal costs less than compiling the Set would.
  bool any = false;
  for (size_t m = 0; m < member_text_.size(); ++m) {
    if (!is_regex_member(m) && lowered.find(member_text_[m]) == std::string_view::npos) continue;
    any = true;
    if (!out) return true;
    out->push_back(static_cast<int>(m));
  }
  return any;
}

bool Matcher::edge(size_t pattern) const {
  if (edge_[pattern] < 0) edge_[pattern] = uses_line_edges(patterns_[pattern].regex) ? 1 : 0;
  return edge_[pattern] == 1;
}

const RE2& Matcher::compiled(size_t pattern) const {
  auto& slot = compiled_[pattern];
  if (!slot) {
    slot = std::make_unique<RE2>(relax_long_repeats(patterns_[pattern].regex), pattern_options());
    if (!slot->ok()) slot = std::make_unique<RE2>(patterns_[pattern].regex, pattern_options());
  }
  return *slot;
}

const RE2& Matcher::extractor(std::string_view pattern) const {
  auto& slot = extractors_[pattern.data()];
  if (!slot) slot = std::make_unique<RE2>(pattern, pattern_options());
  return *slot;
}

const catalogue::Entry* Matcher::entry(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : it->second;
}

bool Matcher::worth_a_look(std::string_view lowered) const { return present(lowered, nullptr, Mode::Auto); }

bool Matcher::spans_lines(std::string_view lowered) const {
  // The few literals of multi-line patterns are looked for directly: cheaper than the Set on
  // every line a log's first pass stops at.
  if (!multiline_by_set_) {
    for (int m : multiline_members_)
      if (lowered.find(member_text_[m]) != std::string_view::npos) return true;
    return false;
  }
  thread_local std::vector<int> members;
  members.clear();
  if (!present(lowered, &members, Mode::Auto)) return false;
  return std::any_of(members.begin(), members.end(), [&](int m) { return member_multiline_[m]; });
}

std::vector<int> Matcher::candidates(std::string_view lowered, Mode mode) const {
  std::vector<int> members, out;
  present(lowered, &members, mode);
  for (int m : members) out.insert(out.end(), member_patterns_[m].begin(), member_patterns_[m].end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Hit> Matcher::match(std::string_view text, std::vector<char>* tried, const std::vector<int>* known,
                                std::vector<int>* listed) const {
  std::vector<Hit> hits;
  thread_local std::string lowered;
  ascii_lower(text, lowered);
  std::vector<int> searched;
  if (!known) searched = candidates(lowered, Mode::Auto);
  const std::vector<int>& ids = known ? *known : searched;
  if (listed) *listed = ids;
  if (ids.empty()) return hits;

  auto hit_for = [&](const catalogue::Entry* e) -> Hit* {
    for (auto& h : hits)
      if (h.entry == e) return &h;
    return nullptr;
  };
  auto merge = [](Hit& h, size_t b, size_t e) {
    h.begin = std::min(h.begin, b);
    h.end = std::max(h.end, e);
  };

  for (int id : ids) {
    const Pattern& p = patterns_[id];
    if (tried) {
      if ((*tried)[id] && !edge(static_cast<size_t>(id))) continue;
      (*tried)[id] = 1;
    }
    // The candidate came from a prefix of one of its literals (kMaxAnchor bytes), but a match
    // needs a whole one: without it the regex is neither compiled nor run.
    if (!p.anchors.empty() && std::none_of(p.anchors.begin(), p.anchors.end(), [&](std::string_view a) {
          return lowered.find(a) != std::string_view::npos;
        }))
      continue;
    const RE2& re = compiled(id);
    if (p.entry) {
      size_t b = 0, e = 0;
      if (re.ProgramSize() <= kMaxSpanProgram) {
        re2::StringPiece m;
        if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, &m, 1)) continue;
        b = static_cast<size_t>(m.data() - text.data());
        e = b + m.size();
      } else {
        // Finding where a large pattern's match starts needs RE2's reverse program, which costs
        // milliseconds to build; its required literal marks the place well enough.
        if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) continue;
        std::tie(b, e) = literal_span(lowered, p.anchors);
      }
      if (Hit* h = hit_for(p.entry))
        merge(*h, b, e);
      else
        hits.push_back({p.entry, nullptr, std::string(p.entry->code), {}, b, e, {}});
      continue;
    }
    // A family: every distinct code it finds in the text.
    re2::StringPiece m[2];
    size_t pos = 0;
    while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, m, 2)) {
      size_t b = static_cast<size_t>(m[0].data() - text.data()), e = b + m[0].size();
      pos = e > pos ? e : pos + 1;
      std::string group(m[1].data(), m[1].size());
      std::string code = fill_family(p.family->code, group);
      // A catalogued code found by its family is that entry, however the entry's own patterns fared.
      if (const catalogue::Entry* known = entry(code)) {
        if (Hit* h = hit_for(known))
          merge(*h, b, e);
        else
          hits.push_back({known, nullptr, code, {}, b, e, {}});
        continue;
      }
      bool seen = false;
      for (auto& h : hits)
        if (!h.entry && h.code == code) seen = true;
      if (!seen) hits.push_back({nullptr, p.family, code, group, b, e, {}});
    }
  }

  for (auto& h : hits) {
    if (!h.entry) continue;
    for (auto& x : h.entry->extractors) {
      re2::StringPiece m[2];
      const RE2& re = extractor(x.pattern);
      if (re.NumberOfCapturingGroups() < 1 || !re.Match(text, 0, text.size(), RE2::UNANCHORED, m, 2)) continue;
      std::string_view v(m[1].data(), m[1].size());
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      if (!v.empty()) h.extracted.push_back({std::string(x.name), std::string(v)});
    }
  }
  return hits;
}

}  // namespace od::catalogue
