#include "catalogue/first_pass.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace od::catalogue {

namespace {

class Re2FirstPass final : public FirstPass {
 public:
  explicit Re2FirstPass(const std::vector<FirstPassMember>& members) {
    std::string alternation;
    for (auto& m : members) {
      if (!alternation.empty()) alternation += '|';
      alternation += m.regex ? "(?:" + m.text + ")" : RE2::QuoteMeta(m.text);
    }
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    re_ = std::make_unique<RE2>(alternation, o);
  }

  size_t find(std::string_view lowered, size_t from) const override {
    re2::StringPiece m;
    if (from > lowered.size() || !re_->Match(lowered, from, lowered.size(), RE2::UNANCHORED, &m, 1))
      return std::string_view::npos;
    return static_cast<size_t>(m.data() - lowered.data());
  }
  std::string_view name() const override { return "re2"; }

 private:
  std::unique_ptr<RE2> re_;
};

// Every byte that is not alphanumeric as \xHH: the literal is matched byte for byte, like the
// RE2 alternation does, whatever Hyperscan's syntax makes of it.
std::string hs_literal(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

class HyperscanFirstPass final : public FirstPass {
 public:
  ~HyperscanFirstPass() override { hs_free_database(db_); }

  // Compiled now (`platform` null: for this CPU), or loaded from `prebuilt` when not empty.
  static Expected<std::unique_ptr<FirstPass>> build(const std::vector<FirstPassMember>& members,
                                                    std::string_view prebuilt = {}) {
    if (hs_valid_platform() != HS_SUCCESS)
      return Error{"hyperscan", "this CPU lacks the instructions Hyperscan needs (SSSE3)"};
    auto self = std::unique_ptr<HyperscanFirstPass>(new HyperscanFirstPass);
    self->members_ = members;
    for (auto& m : members) self->length_.push_back(m.regex ? 0 : m.text.size());
    if (prebuilt.empty()) {
      auto db = compile(members, nullptr);
      if (!db) return db.error();
      self->db_ = *db;
    } else {
      auto db = load(members, prebuilt);
      if (!db) return db.error();
      self->db_ = *db;
    }
    // Checked once here so find() can rely on it: scratch for this database can be allocated.
    hs_scratch_t* probe = nullptr;
    if (hs_alloc_scratch(self->db_, &probe) != HS_SUCCESS) return Error{"hyperscan", "cannot allocate scratch space"};
    hs_free_scratch(probe);
    return std::unique_ptr<FirstPass>(std::move(self));
  }

  static Expected<hs_database_t*> compile(const std::vector<FirstPassMember>& members,
                                          const hs_platform_info_t* platform) {
    std::vector<std::string> exprs;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < members.size(); ++i) {
      const auto& m = members[i];
      if (m.regex) {
        // Where a regex match starts is not implied by its end, so ask for it.
        exprs.push_back(m.text);
        flags.push_back(HS_FLAG_CASELESS | HS_FLAG_ALLOWEMPTY | HS_FLAG_SOM_LEFTMOST);
      } else {
        // The text is lower-cased already, as are the literals: an exact match, like RE2's.
        exprs.push_back(hs_literal(m.text));
        flags.push_back(0);
      }
      ids.push_back(static_cast<unsigned>(i));
    }
    if (exprs.empty()) return Error{"hyperscan", "no first-pass literals to compile"};
    std::vector<const char*> ptrs;
    for (auto& e : exprs) ptrs.push_back(e.c_str());
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK,
                         platform, &db, &err) != HS_SUCCESS) {
      std::string what = err && err->message ? err->message : "unknown error";
      if (err && err->expression >= 0 && static_cast<size_t>(err->expression) < members.size())
        what += " (first-pass member '" + members[static_cast<size_t>(err->expression)].text + "')";
      hs_free_compile_error(err);
      return Error{"hyperscan", "cannot compile the first-pass database: " + what};
    }
    return db;
  }

  // `prebuilt`: the members' fingerprint (8 bytes, little-endian), then hs_serialize_database's bytes.
  static Expected<hs_database_t*> load(const std::vector<FirstPassMember>& members, std::string_view prebuilt) {
    if (prebuilt.size() <= 8) return Error{"hyperscan", "no prebuilt first-pass database"};
    uint64_t key = 0;
    for (int i = 7; i >= 0; --i) key = key << 8 | static_cast<unsigned char>(prebuilt[static_cast<size_t>(i)]);
    if (key != fingerprint(members))
      return Error{"hyperscan", "the prebuilt first-pass database was built for other literals"};
    hs_database_t* db = nullptr;
    if (hs_error_t rc = hs_deserialize_database(prebuilt.data() + 8, prebuilt.size() - 8, &db); rc != HS_SUCCESS)
      return Error{"hyperscan", "cannot load the prebuilt first-pass database (Hyperscan error " + std::to_string(rc) +
                                    ": another Hyperscan version or CPU?)"};
    return db;
  }

  size_t find(std::string_view lowered, size_t from) const override {
    if (from >= lowered.size()) return std::string_view::npos;
    std::string_view rest = lowered.substr(from);
    if (rest.size() > UINT_MAX) return fallback(lowered, from);
    hs_scratch_t* scratch = thread_scratch();
    if (!scratch) return fallback(lowered, from);
    // Matches arrive in order of their end. Literals hold no newline, so the first to end lies
    // on the first line that holds any: stop there, as the RE2 alternation's leftmost match.
    struct Found {
      const HyperscanFirstPass* self;
      size_t at = std::string_view::npos;
    } found{this};
    auto on_match = [](unsigned id, unsigned long long begin, unsigned long long end, unsigned, void* ctx) -> int {
      auto* f = static_cast<Found*>(ctx);
      size_t len = f->self->length_[id];
      f->at = len ? static_cast<size_t>(end) - len : static_cast<size_t>(begin);
      return 1;  // terminate the scan
    };
    hs_error_t rc = hs_scan(db_, rest.data(), static_cast<unsigned>(rest.size()), 0, scratch, on_match, &found);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) return fallback(lowered, from);
    return found.at == std::string_view::npos ? found.at : from + found.at;
  }
  std::optional<bool> members_in(std::string_view lowered, std::vector<int>* out) const override {
    if (lowered.size() > UINT_MAX) return std::nullopt;
    hs_scratch_t* scratch = thread_scratch();
    if (!scratch) return std::nullopt;
    struct Seen {
      std::vector<int>* out;
      bool any = false;
    } seen{out};
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
      auto* s = static_cast<Seen*>(ctx);
      s->any = true;
      if (!s->out) return 1;  // whether, not which: stop at the first
      s->out->push_back(static_cast<int>(id));
      return 0;
    };
    size_t before = out ? out->size() : 0;
    hs_error_t rc = hs_scan(db_, lowered.data(), static_cast<unsigned>(lowered.size()), 0, scratch, on_match, &seen);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
      if (out) out->resize(before);
      return std::nullopt;
    }
    if (out) {
      // One report per occurrence, in order of their end: sorted and made unique, like RE2::Set's.
      std::sort(out->begin() + static_cast<long>(before), out->end());
      out->erase(std::unique(out->begin() + static_cast<long>(before), out->end()), out->end());
    }
    return seen.any;
  }
  std::string_view name() const override { return "hyperscan"; }

 private:
  HyperscanFirstPass() = default;

  // Scratch is per thread (Hyperscan forbids sharing one between concurrent scans) and grows
  // to fit every database it has served; checked once per database, not on every scan.
  hs_scratch_t* thread_scratch() const {
    struct Holder {
      hs_scratch_t* s = nullptr;
      uint64_t sized_for = 0;
      ~Holder() { hs_free_scratch(s); }
    };
    thread_local Holder holder;
    if (holder.sized_for != serial_) {
      if (hs_alloc_scratch(db_, &holder.s) != HS_SUCCESS) return nullptr;
      holder.sized_for = serial_;
    }
    return holder.s;
  }

  // Not expected in practice (a block over 4 GiB, an allocation failure): same answer, slower.
  size_t fallback(std::string_view lowered, size_t from) const {
    if (!re2_) re2_ = std::make_unique<Re2FirstPass>(members_);
    return re2_->find(lowered, from);
  }

  hs_database_t* db_ = nullptr;
  std::vector<size_t> length_;  // per member: literal length, 0 for a regex (its start is reported)
  std::vector<FirstPassMember> members_;
  mutable std::unique_ptr<Re2FirstPass> re2_;
  const uint64_t serial_ = ++serials_;
  static inline std::atomic<uint64_t> serials_{0};
};

}  // namespace

std::unique_ptr<FirstPass> re2_first_pass(const std::vector<FirstPassMember>& members) {
  return std::make_unique<Re2FirstPass>(members);
}

Expected<std::unique_ptr<FirstPass>> hyperscan_first_pass(const std::vector<FirstPassMember>& members) {
  return HyperscanFirstPass::build(members);
}

Expected<std::unique_ptr<FirstPass>> hyperscan_first_pass(const std::vector<FirstPassMember>& members,
                                                          std::string_view prebuilt) {
  if (prebuilt.empty()) return Error{"hyperscan", "no prebuilt first-pass database"};
  return HyperscanFirstPass::build(members, prebuilt);
}

Expected<std::string> hyperscan_serialize(const std::vector<FirstPassMember>& members) {
  // Generic: the database must load wherever the binary runs, not only on the build machine.
  hs_platform_info_t generic{};
  generic.tune = HS_TUNE_FAMILY_GENERIC;
  generic.cpu_features = 0;
  auto db = HyperscanFirstPass::compile(members, &generic);
  if (!db) return db.error();
  char* bytes = nullptr;
  size_t length = 0;
  hs_error_t rc = hs_serialize_database(*db, &bytes, &length);
  hs_free_database(*db);
  if (rc != HS_SUCCESS) return Error{"hyperscan", "cannot serialise the first-pass database"};
  std::string out(8, '\0');
  uint64_t key = fingerprint(members);
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<char>((key >> (8 * i)) & 0xff);
  out.append(bytes, length);
  std::free(bytes);
  return out;
}

uint64_t fingerprint(const std::vector<FirstPassMember>& members) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ULL;
  };
  for (auto& m : members) {
    mix(m.regex ? 'r' : 'l');
    for (unsigned char c : m.text) mix(c);
    mix(0);
  }
  return h;
}

}  // namespace od::catalogue
