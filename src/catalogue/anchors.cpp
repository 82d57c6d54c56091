#include "catalogue/anchors.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace od::catalogue {

namespace {

// Any one of `any` occurs in every match; empty = nothing known.
struct Choice {
  std::vector<std::string> any;
  size_t score() const {
    if (any.empty()) return 0;
    size_t s = any[0].size();
    for (auto& a : any) s = std::min(s, a.size());
    return s;
  }
};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// A small recursive-descent reader of RE2 syntax that only tracks what is certainly literal.
// Whenever it is unsure (classes, escapes, optional parts, group edges) it ends the current
// literal run: a shorter anchor is always safe, a wrong one would hide matches.
class Parser {
 public:
  Parser(std::string_view p, size_t min_length) : p_(p), min_(min_length) {}

  Choice run() {
    Choice c = alternation();
    if (!ok_ || i_ != p_.size()) return {};
    return c;
  }

 private:
  std::string_view p_;
  size_t min_;
  size_t i_ = 0;
  bool ok_ = true;

  bool at(char c) const { return i_ < p_.size() && p_[i_] == c; }

  // {n}, {n,}, {n,m} at i_; anything else is a literal brace in RE2.
  bool repeat_at(size_t k, int* min_out, size_t* end_out) const {
    if (k >= p_.size() || p_[k] != '{') return false;
    size_t j = k + 1, digits = 0;
    int n = 0;
    while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) n = n * 10 + (p_[j++] - '0'), ++digits;
    if (!digits) return false;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      while (j < p_.size() && std::isdigit(static_cast<unsigned char>(p_[j]))) ++j;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    *min_out = n;
    *end_out = j + 1;
    return true;
  }

  Choice alternation() {
    Choice first = concat();
    if (!ok_ || !at('|')) return first;
    std::vector<Choice> branches;
    branches.push_back(std::move(first));
    while (ok_ && at('|')) {
      ++i_;
      branches.push_back(concat());
    }
    if (branches.size() == 1) return branches[0];
    Choice out;
    for (auto& b : branches) {
      if (b.score() < min_) return {};
      out.any.insert(out.any.end(), b.any.begin(), b.any.end());
    }
    std::sort(out.any.begin(), out.any.end());
    out.any.erase(std::unique(out.any.begin(), out.any.end()), out.any.end());
    return out;
  }

  void skip_class() {
    ++i_;  // '['
    if (at('^')) ++i_;
    if (at(']')) ++i_;  // a leading ] is literal
    while (i_ < p_.size() && p_[i_] != ']') {
      if (p_[i_] == '\\')
        ++i_;
      else if (p_[i_] == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {
        auto end = p_.find(":]", i_ + 2);
        if (end == std::string_view::npos) break;
        i_ = end + 1;
      }
      ++i_;
    }
    if (i_ >= p_.size())
      ok_ = false;
    else
      ++i_;
  }

  Choice concat() {
    Choice best;
    size_t best_score = 0;
    std::string run;
    auto consider = [&](Choice&& c) {
      size_t score = c.score();
      if (score >= min_ && score > best_score) {
        best = std::move(c);
        best_score = score;
      }
    };
    auto close_run = [&] {
      if (run.size() >= min_ && run.size() > best_score) {
        best.any.assign(1, run);
        best_score = run.size();
      }
      run.clear();
    };
    while (ok_ && i_ < p_.size() && !at('|') && !at(')')) {
      enum class Kind { Literal, Group, Other, None } kind = Kind::Other;
      std::string_view lit;  // the literal's bytes in the pattern (lower-cased when appended)
      Choice group;
      char c = p_[i_];
      if (c == '\\') {
        if (i_ + 1 >= p_.size()) {
          ok_ = false;
          break;
        }
        char e = p_[i_ + 1];
        if (!std::isalnum(static_cast<unsigned char>(e))) {
          kind = Kind::Literal;
          lit = p_.substr(i_ + 1, 1);
          i_ += 2;
        } else if (e == 'Q') {
          auto end = p_.find("\\E", i_ + 2);
          i_ = end == std::string_view::npos ? p_.size() : end + 2;
        } else if ((e == 'p' || e == 'P' || e == 'x') && i_ + 2 < p_.size() && p_[i_ + 2] == '{') {
          auto end = p_.find('}', i_ + 2);
          if (end == std::string_view::npos) ok_ = false;
          i_ = end == std::string_view::npos ? p_.size() : end + 1;
        } else if (e == 'x') {
          i_ += 4;
        } else if (e == 'p' || e == 'P') {
          i_ += 3;
        } else {
          i_ += 2;  // \b \d \s \w \n \t \A \z, octal ...: not a known literal
          while (std::isdigit(static_cast<unsigned char>(e)) && i_ < p_.size() &&
                 std::isdigit(static_cast<unsigned char>(p_[i_])))
            ++i_;
        }
      } else if (c == '[') {
        skip_class();
      } else if (c == '(') {
        ++i_;
        if (at('?')) {
          ++i_;
          if (at('P') || at('<')) {
            auto end = p_.find('>', i_);
            if (end == std::string_view::npos) {
              ok_ = false;
              break;
            }
            i_ = end + 1;
          } else {
            while (i_ < p_.size() && (std::isalpha(static_cast<unsigned char>(p_[i_])) || p_[i_] == '-')) ++i_;
            if (at(')')) {  // (?i): flags only, zero width; case is folded anyway
              ++i_;
              kind = Kind::None;
            } else if (at(':')) {
              ++i_;
            } else {
              ok_ = false;
              break;
            }
          }
        }
        if (kind != Kind::None) {
          group = alternation();
          if (!at(')')) {
            ok_ = false;
            break;
          }
          ++i_;
          kind = Kind::Group;
        }
      } else if (c == '.' || c == '^' || c == '$') {
        ++i_;
      } else if (c == '*' || c == '+' || c == '?') {
        ok_ = false;  // a quantifier with nothing to repeat: not a pattern we understand
        break;
      } else {
        kind = Kind::Literal;
        size_t start = i_++;
        // A UTF-8 sequence is one character for the quantifier that may follow.
        if (static_cast<unsigned char>(c) >= 0x80)
          while (i_ < p_.size() && (static_cast<unsigned char>(p_[i_]) & 0xC0) == 0x80) ++i_;
        lit = p_.substr(start, i_ - start);
      }
      if (kind == Kind::None) continue;
      bool quantified = false;
      int min = 1;
      if (at('?') || at('*')) {
        quantified = true;
        min = 0;
        ++i_;
      } else if (at('+')) {
        quantified = true;
        ++i_;
      } else if (size_t end; repeat_at(i_, &min, &end)) {
        quantified = true;
        i_ = end;
      }
      if (quantified && (at('?') || at('+'))) ++i_;  // lazy / possessive marker
      switch (kind) {
        case Kind::Literal:
          if (quantified && min == 0) {
            close_run();
          } else {
            for (char ch : lit) run += lower(ch);
            if (quantified) close_run();
          }
          break;
        case Kind::Group:
          close_run();
          if (!quantified || min >= 1) consider(std::move(group));
          break;
        default: close_run();
      }
    }
    close_run();
    return best;
  }
};

}  // namespace

std::vector<std::string> required_literals(std::string_view pattern, size_t min_length) {
  Parser parser(pattern, std::max<size_t>(min_length, 1));
  Choice c = parser.run();
  if (c.score() < min_length) return {};
  return c.any;
}

void ascii_lower(std::string_view in, std::string& out) {
  out.resize(in.size());
  // Eight bytes at a time (SWAR): this runs over every byte of large logs, and -O2 does not
  // vectorise a byte loop. A byte is upper case when it is ASCII and 'A' <= b <= 'Z'; its high
  // bit after the two additions says so, and 0x80 >> 2 is the 0x20 that lowers it.
  const char* src = in.data();
  char* dst = out.data();
  size_t n = in.size(), i = 0;
#if defined(__SSE2__)
  // Sixteen at a time where SSE2 is there (all of x86-64): 'A'..'Z' moved to the bottom of the
  // signed range, so one signed compare picks them.
  const __m128i shift = _mm_set1_epi8(static_cast<char>(128 - 'A')), limit = _mm_set1_epi8(-128 + 26),
                bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, shift), limit);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), _mm_or_si128(v, _mm_and_si128(upper, bit)));
  }
#endif
  constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, src + i, 8);
    uint64_t low7 = x & ~high;
    uint64_t ge_a = low7 + (0x80 - 'A') * ones;  // high bit: low7 >= 'A'
    uint64_t gt_z = low7 + (0x7f - 'Z') * ones;  // high bit: low7 > 'Z'
    uint64_t upper = (ge_a & ~gt_z) & ~x & high;
    x |= upper >> 2;
    std::memcpy(dst + i, &x, 8);
  }
  for (; i < n; ++i) {
    unsigned char ch = static_cast<unsigned char>(src[i]);
    dst[i] = static_cast<char>(ch + (static_cast<unsigned char>(ch - 'A') < 26 ? 32 : 0));
  }
}

}  // namespace od::catalogue
