#include "diagnose/input.h"

#include <cctype>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "catalogue/anchors.h"
#include "catalogue/matcher.h"
#include "core/json.h"
#include "diagnose/normalize.h"

namespace od::diagnose {

using catalogue::ascii_lower;
using catalogue::fill_family;
using catalogue::Hit;
using catalogue::Matcher;

namespace {

constexpr size_t kHeadBytes = 64 << 10;  // what kind detection and the binary check look at
constexpr size_t kPasteBytes = 8 << 10;  // up to this, no RE2::Set or position regex is compiled
// Hyperscan's first pass saves ~1.4 ms per MB over RE2's. Its database normally comes compiled
// at build time and is used for every large input; compiled at run time instead (50-100 ms, when
// the prebuilt one cannot load) it is worth it once this much has been read.
constexpr uint64_t kHyperscanBytes = 24 << 20;
constexpr size_t kMaxBody = 2 << 20;  // HAR bodies beyond this are cut
constexpr int kJsonBlockLookBack = 40, kJsonBlockMaxLines = 400;
constexpr size_t kAround = 6;  // lines before and after that a pattern spanning lines may reach

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

size_t content_start(std::string_view s) {
  size_t i = s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

bool looks_binary(std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return true;
  size_t control = 0;
  for (unsigned char c : head)
    if (c < 0x20 && !is_space(static_cast<char>(c)) && c != 0x1b) ++control;  // ESC: coloured logs
  return head.size() >= 64 && control * 10 > head.size();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool looks_like_har(std::string_view head, std::string_view name) {
  if (ends_with(name, ".har") || ends_with(name, ".HAR")) return true;
  return head.find("\"log\"") != std::string_view::npos &&
         (head.find("\"entries\"") != std::string_view::npos || head.find("\"creator\"") != std::string_view::npos);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Text of <script> blocks: IdP error pages (Entra among them) render their message from a
// JSON configuration inside a script, so the visible HTML alone may not carry it.
std::string script_texts(std::string_view html) {
  std::string out;
  size_t pos = 0;
  while ((pos = html.find("<script", pos)) != std::string_view::npos) {
    size_t open_end = html.find('>', pos);
    if (open_end == std::string_view::npos) break;
    size_t close = html.find("</script", open_end);
    if (close == std::string_view::npos) close = html.size();
    out += unescape_json_text(html.substr(open_end + 1, close - open_end - 1));
    out += '\n';
    pos = close;
  }
  return out;
}

void string_leaves(const nlohmann::json& v, std::string& out, size_t cap) {
  if (out.size() > cap) return;
  if (v.is_string()) {
    out += v.get_ref<const std::string&>();
    out += '\n';
  } else if (v.is_structured()) {
    for (auto& item : v) string_leaves(item, out, cap);
  }
}

// Segments of a whole JSON value: its error fields, its text as written (some messages are
// recognised by their keys), then all its strings.
std::vector<Segment> json_segments(const nlohmann::json& v, std::string_view raw) {
  std::vector<Segment> out;
  if (auto e = json_error_text(v); !e.empty()) out.push_back({e, "json"});
  if (!raw.empty() && raw.size() < kMaxBody) out.push_back({std::string(raw), "json"});
  std::string leaves;
  string_leaves(v, leaves, 256 << 10);
  for (auto& s : normalize(leaves)) out.push_back(std::move(s));
  return out;
}

void append(std::vector<Segment>& into, std::vector<Segment> more) {
  for (auto& s : more) {
    bool dup = std::any_of(into.begin(), into.end(), [&](const Segment& o) { return o.text == s.text; });
    if (!dup) into.push_back(std::move(s));
  }
}

bool skip_body(std::string_view mime) {
  for (auto kind : {"javascript", "css", "image/", "font", "wasm", "octet-stream", "video/", "audio/"})
    if (mime.find(kind) != std::string_view::npos) return true;
  return false;
}

Expected<bool> feed_har(std::string_view doc, const std::string& name, Diagnoser& d) {
  auto parsed = parse_json(doc, name);
  if (!parsed) return Error{parsed.error().where, "malformed HAR: " + parsed.error().message};
  nlohmann::json j = std::move(parsed.value());
  const nlohmann::json* entries = nullptr;
  if (j.is_object() && j.contains("log") && j["log"].is_object() && j["log"].contains("entries") &&
      j["log"]["entries"].is_array())
    entries = &j["log"]["entries"];
  if (!entries) return Error{name, "not a HAR file: it has no log.entries list"};
  int index = 0;
  for (auto& entry : *entries) {
    Origin origin;
    origin.har_entry = index++;
    if (!entry.is_object()) continue;
    const auto& req = entry.contains("request") ? entry["request"] : nlohmann::json();
    const auto& res = entry.contains("response") ? entry["response"] : nlohmann::json();
    origin.url = json_string(req, "url");
    if (res.is_object() && res.contains("status") && res["status"].is_number_integer())
      origin.status = res["status"].get<int>();
    Params context;
    std::vector<Segment> segments;
    append(segments, normalize(origin.url, &context));
    if (req.is_object() && req.contains("postData") && req["postData"].is_object()) {
      // Only the request parameters worth knowing are kept: the form also holds secrets.
      std::string form = json_string(req["postData"], "text");
      for (auto& [k, v] : parse_params(form))
        if (is_context_param(k)) context.push_back({k, v});
    }
    if (res.is_object()) {
      if (res.contains("headers") && res["headers"].is_array())
        for (auto& h : res["headers"])
          if (auto n = json_string(h, "name"); n == "Location" || n == "location")
            append(segments, normalize(json_string(h, "value"), &context));
      if (auto redirect = json_string(res, "redirectURL"); !redirect.empty())
        append(segments, normalize(redirect, &context));
      if (res.contains("content") && res["content"].is_object()) {
        const auto& content = res["content"];
        std::string mime = json_string(content, "mimeType");
        std::string body = json_string(content, "text");
        if (json_string(content, "encoding") == "base64") body = base64_decode_lenient(body);
        if (body.size() > kMaxBody) body.resize(kMaxBody);
        if (!body.empty() && !skip_body(mime)) {
          std::string_view b = trim(body);
          auto parsed = (!b.empty() && (b.front() == '{' || b.front() == '['))
                            ? try_parse_json(b)
                            : nlohmann::json(nlohmann::json::value_t::discarded);
          if (!parsed.is_discarded()) {
            append(segments, json_segments(parsed, b));
          } else if (looks_like_html(body)) {
            append(segments, {{html_to_text(body), "html"}});
            if (auto scripts = script_texts(body); !trim(scripts).empty()) append(segments, {{scripts, "html script"}});
          } else {
            append(segments, normalize(body, &context));
          }
        }
      }
      if (origin.status >= 400)
        append(segments,
               {{"HTTP/1.1 " + std::to_string(origin.status) + " " + json_string(res, "statusText"), "har status"}});
    }
    d.add_segments(segments, context, origin);
  }
  return true;
}

// Streams lines through the first pass and hands the interesting ones to the diagnoser.
// Newlines in [begin, end), sixteen or eight bytes at a time: the line count of a log is kept
// for every byte read, and the compiler's byte-by-byte std::count took a seventh of a large log's time.
uint64_t count_newlines(const char* begin, const char* end) {
  constexpr uint64_t kNl = 0x0a0a0a0a0a0a0a0aULL, kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  uint64_t n = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (all of x86-64): each compare adds one per
  // newline to a byte counter, summed before any of them can pass 255.
  const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
  while (end - begin >= 16) {
    __m128i counts = zero;
    for (int k = 0; k < 255 && end - begin >= 16; ++k, begin += 16)
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(begin)), nl));
    __m128i sums = _mm_sad_epu8(counts, zero);
    n += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; end - begin >= 8; begin += 8) {
    uint64_t v;
    std::memcpy(&v, begin, 8);
    v ^= kNl;  // newline bytes become zero
    // Exactly the zero bytes get their top bit set (no borrow crosses a byte).
    uint64_t t = ~(((v & kLow7) + kLow7) | v | kLow7);
    n += ((t >> 7) * 0x0101010101010101ULL) >> 56;  // the byte flags summed (no popcnt on baseline x86-64)
  }
  for (; begin < end; ++begin) n += *begin == '\n';
  return n;
}

// The last newline in s[0, at], or npos. memrchr: the string_view's rfind goes byte by byte, and
// every line a large input stops at looks a few lines back.
size_t last_newline(std::string_view s, size_t at) {
  if (s.empty()) return std::string_view::npos;
  const void* p = memrchr(s.data(), '\n', std::min(at, s.size() - 1) + 1);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
}

// What the first pass finds in a block: apart from the diagnosis, so that a reading thread can
// work it out for the next block while this one is diagnosed (stream_lines).
struct Scanned {
  std::string lowered;
  bool large = false;
  // Large blocks: the start of every line that holds a literal, with the newlines before it,
  // and the block's newlines in all.
  std::vector<std::pair<size_t, uint64_t>> lines;
  uint64_t newlines = 0;
};

// `seen`: bytes of the stream before this block (the RE2 first pass serves the first ones when
// Hyperscan's database has to be compiled at run time). `s` is overwritten, its buffers reused.
void first_pass(std::string_view data, uint64_t seen, Scanned& s) {
  ascii_lower(data, s.lowered);
  s.lines.clear();
  s.newlines = 0;
  s.large = data.size() > kPasteBytes;
  if (!s.large) return;
  const Matcher& m = Matcher::get();
  auto engine =
      seen + data.size() >= kHyperscanBytes || m.first_pass_ready() ? Matcher::Engine::Auto : Matcher::Engine::Re2;
  size_t from = 0, counted = 0;
  // Literals hold no newline, so the first one found from the start of a line lies on the first
  // line from there that holds any: one stop per such line, the next search from the line after.
  while (from < data.size()) {
    size_t hit = m.find_literal(s.lowered, from, engine);
    if (hit == std::string_view::npos) break;
    size_t nl = hit == 0 ? std::string_view::npos : last_newline(data, hit - 1);
    size_t bol = std::max(from, nl == std::string_view::npos ? 0 : nl + 1);
    s.newlines += count_newlines(data.data() + counted, data.data() + bol);
    counted = bol;
    s.lines.emplace_back(bol, s.newlines);
    size_t eol = data.find('\n', hit);
    from = eol == std::string_view::npos ? data.size() : eol + 1;
  }
  s.newlines += count_newlines(data.data() + counted, data.data() + data.size());
}

class LineFeeder {
 public:
  // `numbered`: whether line numbers point into what the user gave (not for stripped HTML).
  LineFeeder(Diagnoser& d, bool numbered = true) : d_(d), numbered_(numbered) {}

  // Whole lines; only the last one may lack its newline (end of input, or a piece of a line
  // longer than the block).
  void block(std::string_view data) {
    first_pass(data, seen_, own_);
    block(data, own_);
  }
  // The same with the block's first pass done already (first_pass with seen()).
  void block(std::string_view data, const Scanned& scanned) {
    if (data.empty()) return;
    data_ = data;
    lowered_ = scanned.lowered;
    const Matcher& m = Matcher::get();
    // A paste is looked at line by line; a large input only at the lines its first pass stopped
    // at, most lines holding no catalogue literal at all.
    bool large = scanned.large;
    if (large) m.use_set();
    seen_ += data.size();
    const uint64_t base = lines_;
    size_t next_hit = 0;
    size_t pos = 0;
    while (pos < data.size()) {
      if (large) {
        // Jump straight to the next line that holds a literal.
        auto& hits = scanned.lines;
        while (next_hit < hits.size() && hits[next_hit].first < pos) ++next_hit;
        if (next_hit == hits.size()) {
          lines_ = base + scanned.newlines;
          pos = data.size();
          break;
        }
        if (hits[next_hit].first > pos) {
          lines_ = base + hits[next_hit].second;
          pos = hits[next_hit].first;
        }
      }
      size_t eol = line_end(pos), next = next_line(pos);
      // A word a console wrapped (with a hyphen, "config-" / "ured", or cut at the terminal's
      // width): the line is also read together with the next one, the word made whole again.
      std::string rejoined = rejoin_wrapped(pos, eol, next);
      if (large || m.worth_a_look(low(pos, eol)) || worth_a_look_cleaned(m, text(pos, eol)) ||
          (!rejoined.empty() && worth_a_look_cleaned(m, rejoined))) {  // large: the first pass said so
        if (size_t after = json_block(pos, eol); after > pos) {
          advance(pos, after);
          continue;
        }
        std::string around;
        // A pattern written to span lines may have its literal on any of them.
        if (m.spans_lines(low(pos, eol))) around = text(back_lines(pos, kAround), forward_lines(pos, kAround));
        Origin o = origin(lines_ + 1);
        o.context = text(back_lines(pos, kAround), forward_lines(pos, kAround));
        if (!rejoined.empty()) (around += around.empty() ? "" : "\n") += rejoined;
        d_.add_text(text(pos, eol), o, around);
      }
      advance(pos, next);
    }
    pending_partial_ = data.back() != '\n';
  }

  uint64_t seen() const { return seen_; }
  uint64_t total_lines() const { return lines_ + (pending_partial_ ? 1 : 0); }

 private:
  // The line [pos, eol) joined with the next one when it ends inside a word broken by a hyphen
  // ("...redirect URIs config-" + "ured for the application"), or cut by a terminal's fixed width
  // with no hyphen at all (a long line ending in a letter, the next one going on in lower case with
  // no indent: "...\"message\":\"Unab" + "le to verify secret hash"), else "". The joined text is read
  // beside the lines as they are, so a line that only looked cut adds a reading, it takes none away.
  std::string rejoin_wrapped(size_t pos, size_t eol, size_t next) const {
    constexpr size_t kTerminalWidth = 60;  // shorter lines are not a terminal's hard wrap
    std::string_view line = text(pos, eol);
    if (line.size() < 2 || next >= data_.size()) return {};
    bool hyphen = line.back() == '-' && std::isalpha(static_cast<unsigned char>(line[line.size() - 2]));
    bool cut = !hyphen && line.size() >= kTerminalWidth && std::isalpha(static_cast<unsigned char>(line.back()));
    if (!hyphen && !cut) return {};
    std::string_view following = text(next, line_end(next));
    size_t start = hyphen ? following.find_first_not_of(" \t") : 0;
    if (start == std::string_view::npos || start >= following.size() ||
        !std::islower(static_cast<unsigned char>(following[start])))
      return {};
    std::string out(line.substr(0, hyphen ? line.size() - 1 : line.size()));
    out.append(following.substr(start));
    return out;
  }

  // The first pass on the line as normalize() cleans it (colour codes off, spaces collapsed,
  // URL-decoded): a literal can hide behind any of them. Only for lines that hold such noise.
  static bool worth_a_look_cleaned(const Matcher& m, std::string_view line) {
    bool noisy = line.find('\x1b') != std::string_view::npos || line.find("  ") != std::string_view::npos ||
                 line.find('\t') != std::string_view::npos || line.find('%') != std::string_view::npos ||
                 line.find('+') != std::string_view::npos;
    if (!noisy) return false;
    std::string low;
    for (auto& s : normalize(line)) {
      ascii_lower(s.text, low);
      if (m.worth_a_look(low)) return true;
    }
    return false;
  }

  std::string_view low(size_t b, size_t e) const { return std::string_view(lowered_).substr(b, e - b); }
  std::string_view text(size_t b, size_t e) const {
    std::string_view t = data_.substr(b, e - b);
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    return t;
  }
  size_t line_end(size_t pos) const {
    size_t nl = data_.find('\n', pos);
    return nl == std::string_view::npos ? data_.size() : nl;
  }
  size_t next_line(size_t pos) const {
    size_t nl = data_.find('\n', pos);
    return nl == std::string_view::npos ? data_.size() : nl + 1;
  }
  size_t prev_line(size_t pos) const {  // start of the line before the one starting at pos
    if (pos == 0) return 0;
    size_t nl = pos >= 2 ? last_newline(data_, pos - 2) : std::string_view::npos;
    return nl == std::string_view::npos ? 0 : nl + 1;
  }
  size_t back_lines(size_t pos, size_t n) const {
    while (n-- > 0 && pos > 0) pos = prev_line(pos);
    return pos;
  }
  size_t forward_lines(size_t pos, size_t n) const {
    for (size_t k = 0; k <= n && pos < data_.size(); ++k) pos = next_line(pos);
    return pos;
  }
  void advance(size_t& pos, size_t to) {
    lines_ += static_cast<uint64_t>(count_newlines(data_.data() + pos, data_.data() + to));
    pos = to;
  }
  Origin origin(uint64_t line) const { return {.line = numbered_ ? static_cast<int>(line) : 0}; }

  // A pretty-printed JSON body: the member line that caught the first pass belongs to an object
  // opened a few lines above, possibly at the end of a log line ("... TokenClient - {"). Feeds
  // the whole object as one unit and returns the offset after it, or `pos` when the line is not
  // part of one.
  size_t json_block(size_t pos, size_t eol) {
    std::string_view t = trim(data_.substr(pos, eol - pos));
    if (t.empty() || (t.front() != '"' && t.front() != '{')) return pos;
    size_t start = std::string_view::npos;
    size_t k = pos;
    for (int back = 0; back <= kJsonBlockLookBack; ++back) {
      std::string_view s = trim(data_.substr(k, line_end(k) - k));
      if (!s.empty()) {
        if (s.front() == '{' || s.back() == '{' || s.back() == '[') {
          start = k;
          break;
        }
        if (s.front() != '"' && s.front() != '}' && s.front() != ']' && s.front() != '[') break;
      }  // blank lines: pages turned into text keep paragraph breaks
      if (k == 0) break;
      k = prev_line(k);
    }
    if (start == std::string_view::npos) return pos;
    std::string_view first = data_.substr(start, line_end(start) - start);
    size_t open_at = start + (trim(first).front() == '{' || trim(first).front() == '[' ? first.find_first_of("{[")
                                                                                       : first.find_last_of("{["));
    int depth = 0;
    bool in_string = false, escape = false;
    size_t line = start;
    for (int n = 0; n < kJsonBlockMaxLines && line < data_.size(); ++n) {
      size_t e = line_end(line);
      for (size_t i = std::max(line, open_at); i < e; ++i) {
        char c = data_[i];
        if (escape)
          escape = false;
        else if (in_string && c == '\\')
          escape = true;
        else if (c == '"')
          in_string = !in_string;
        else if (!in_string && (c == '{' || c == '['))
          ++depth;
        else if (!in_string && (c == '}' || c == ']'))
          --depth;
      }
      if (depth <= 0) {
        if (e <= eol) return pos;  // closed on or before our line: not a block around it
        if (!nlohmann::json::accept(data_.substr(open_at, e - open_at))) return pos;
        uint64_t first_no = lines_ + 1 -
                            static_cast<uint64_t>(std::count(data_.begin() + static_cast<long>(start),
                                                             data_.begin() + static_cast<long>(pos), '\n'));
        d_.add_text(data_.substr(start, e - start), origin(first_no));
        return next_line(e);
      }
      line = next_line(e);
    }
    return pos;
  }

  Diagnoser& d_;
  std::string_view data_;
  std::string_view lowered_;  // data_ lower-cased, from the block's Scanned
  Scanned own_;               // for blocks whose first pass is done here
  uint64_t lines_ = 0, seen_ = 0;
  bool pending_partial_ = false;
  bool numbered_ = true;
};

// Splits `data` into what can be fed now (whole lines, and pieces of a line longer than
// max_line) and returns the unfinished rest, shorter than max_line.
template <class Feed>
std::string_view whole_lines(std::string_view data, size_t max_line, Feed feed) {
  if (size_t nl = data.rfind('\n'); nl != std::string_view::npos) {
    feed(data.substr(0, nl + 1));
    data.remove_prefix(nl + 1);
  }
  // A line longer than max_line is examined in pieces with the same line number.
  while (data.size() >= max_line) {
    feed(data.substr(0, max_line));
    data.remove_prefix(max_line);
  }
  return data;
}

// Reads a stream block by block on a thread of its own, with each block's first pass, one or
// two blocks ahead of the diagnosis: on a large log reading and the first pass take about as
// long as diagnosing the lines they stop at. Buffers are reused in turn, never zero-filled: the
// unfinished line of one block goes to the front of the next (a fresh block-sized string per
// read cost a large log a tenth of its time in page faults and zeroing).
class ReadAhead {
 public:
  struct Piece {
    std::string_view data;
    Scanned scanned;
  };
  struct Block {
    std::vector<Piece> pieces;  // the first `count` are this block's; the others keep their buffers
    size_t count = 0;
    bool last = false;
    std::optional<Error> error;
  };

  ReadAhead(std::istream& in, std::string_view carry, const InputLimits& limits, uint64_t seen)
      : in_(in), limits_(limits), carry_(carry), seen_(seen) {
    // The matcher builds some tables on first use: settled here, before two threads read them.
    Matcher::get().use_set();
    (void)Matcher::get().first_pass_ready();
    thread_ = std::thread([this] { run(); });
  }
  ~ReadAhead() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // The next block in order; it stays valid until the next call.
  Block& next() {
    std::unique_lock lock(mu_);
    if (taken_ > consumed_) ++consumed_;  // done with the one handed out before
    cv_.notify_all();
    cv_.wait(lock, [&] { return produced_ > taken_; });
    return slots_[taken_++ % kSlots].block;
  }
  uint64_t bytes() const { return bytes_; }  // read so far; complete once the last block is out

 private:
  static constexpr uint64_t kSlots = 3;  // one being diagnosed, one ready, one being read
  struct Slot {
    std::unique_ptr<char[]> store;
    Block block;
  };

  void run() {
    const size_t capacity = limits_.max_line + limits_.block;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || produced_ - consumed_ < kSlots; });
        if (stop_) return;
      }
      Slot& slot = slots_[produced_ % kSlots];
      Block& b = slot.block;
      b.count = 0;
      try {
        if (!slot.store) slot.store.reset(new char[capacity]);
        std::memcpy(slot.store.get(), carry_.data(), carry_.size());
        size_t have = carry_.size();
        in_.read(slot.store.get() + have, static_cast<std::streamsize>(limits_.block));
        size_t got = static_cast<size_t>(in_.gcount());
        if (in_.bad()) {
          b.error = Error{"", "read error"};
        } else {
          have += got;
          bytes_ += got;
          std::string_view data(slot.store.get(), have);
          auto feed = [&](std::string_view piece) {
            if (b.count == b.pieces.size()) b.pieces.emplace_back();
            Piece& p = b.pieces[b.count++];
            p.data = piece;
            first_pass(piece, seen_, p.scanned);
            seen_ += piece.size();
          };
          if (got == 0 || !in_.good()) {
            if (!data.empty()) feed(data);
            b.last = true;
          } else {
            carry_.assign(whole_lines(data, limits_.max_line, feed));
          }
        }
      } catch (const std::exception& e) {
        b.error = Error{"", std::string("cannot read the input: ") + e.what()};
      }
      if (b.error) b.last = true;
      bool last = b.last;
      {
        std::lock_guard lock(mu_);
        ++produced_;
      }
      cv_.notify_all();
      if (last) return;
    }
  }

  std::istream& in_;
  const InputLimits limits_;
  std::string carry_;
  uint64_t seen_, bytes_ = 0;
  Slot slots_[kSlots];
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t produced_ = 0, taken_ = 0, consumed_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

// Reads the rest of `in` after `buf` as a line stream.
Expected<uint64_t> stream_lines(std::istream& in, std::string buf, Diagnoser& d, const InputLimits& limits,
                                uint64_t* bytes) {
  LineFeeder feeder(d);
  auto feed = [&](std::string_view piece) { feeder.block(piece); };
  if (!in.good()) {
    if (!buf.empty()) feeder.block(buf);
    return feeder.total_lines();
  }
  std::string_view rest = whole_lines(buf, limits.max_line, feed);
  ReadAhead ahead(in, rest, limits, feeder.seen());
  for (;;) {
    ReadAhead::Block& b = ahead.next();
    if (b.error) return *b.error;
    for (size_t i = 0; i < b.count; ++i) feeder.block(b.pieces[i].data, b.pieces[i].scanned);
    if (b.last) break;
  }
  *bytes += ahead.bytes();
  return feeder.total_lines();
}

}  // namespace

Expected<InputStats> feed(std::istream& in, const std::string& name, Diagnoser& d, const InputLimits& limits) {
  InputStats stats;
  // Only the head is read first: a pasted message should not pay for a block-sized buffer.
  std::string buf(kHeadBytes, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (in.bad()) return Error{name, "cannot read input"};
  buf.resize(static_cast<size_t>(in.gcount()));
  stats.bytes = buf.size();
  std::string_view head = std::string_view(buf).substr(0, kHeadBytes);
  if (looks_binary(head))
    return Error{name, "looks like a binary file, not text; diagnose reads messages, logs and HAR files"};
  size_t start = content_start(buf);
  if (start >= buf.size() && !in.good()) return Error{name, "empty input: nothing to diagnose"};

  char first = start < buf.size() ? buf[start] : '\0';
  if (first == '{' || first == '[' || first == '<') {
    // Documents are read whole, up to a cap; past it they are treated as text.
    bool har = first == '{' && looks_like_har(head, name);
    while (in.good() && buf.size() <= limits.max_document) {
      size_t have = buf.size();
      buf.resize(have + limits.block);
      in.read(buf.data() + have, static_cast<std::streamsize>(limits.block));
      buf.resize(have + static_cast<size_t>(in.gcount()));
      stats.bytes += static_cast<uint64_t>(in.gcount());
    }
    bool whole = !in.good() && !in.bad();
    if (har) {
      if (!whole)
        return Error{name, "HAR file is larger than " + std::to_string(limits.max_document >> 20) +
                               " MiB; export only the failing sign-in"};
      auto r = feed_har(buf, name, d);
      if (!r) return r.error();
      return stats;
    }
    if (whole && first != '<') {
      auto doc = try_parse_json(buf);
      if (!doc.is_discarded()) {
        if (doc.is_array()) {
          for (auto& item : doc) d.add_segments(json_segments(item, dump_json(item)), {}, {});
        } else {
          d.add_segments(json_segments(doc, buf), {}, {});
        }
        stats.lines = static_cast<uint64_t>(std::count(buf.begin(), buf.end(), '\n')) + 1;
        return stats;
      }
    }
    if (whole && first == '<' && looks_like_html(head)) {
      std::string text = html_to_text(buf) + "\n" + script_texts(buf) + "\n";
      // Line numbers of the stripped text would not point into the page; none are reported.
      LineFeeder(d, false).block(text);
      stats.lines = static_cast<uint64_t>(std::count(buf.begin(), buf.end(), '\n')) + 1;
      return stats;
    }
  }
  uint64_t bytes = stats.bytes;
  auto lines = stream_lines(in, std::move(buf), d, limits, &bytes);
  if (!lines) return Error{name, lines.error().message};
  stats.bytes = bytes;
  stats.lines = *lines;
  return stats;
}

Expected<InputStats> feed_text(std::string_view text, const std::string& name, Diagnoser& d) {
  std::istringstream in{std::string(text)};
  return feed(in, name, d);
}

Expected<Result> diagnose_text(std::string_view text, const Options& options, const std::string& name) {
  Diagnoser d(options);
  auto stats = feed_text(text, name, d);
  if (!stats) return stats.error();
  Result r = d.finish();
  r.bytes = stats->bytes;
  r.lines = stats->lines;
  return r;
}

}  // namespace od::diagnose
