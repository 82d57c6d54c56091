// The first pass's Hyperscan database as od-catalogue-gen prebuilds it: it loads, it is the one
// in use, and a database that does not fit (other members, cut short, damaged) is refused with
// an error value rather than used.
#include <doctest/doctest.h>

#include <deque>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue/anchors.h"
#include "catalogue/catalogue.h"
#include "catalogue/first_pass.h"
#include "catalogue/matcher.h"
#include "catalogue/members.h"
#include "diagnose/input.h"

using namespace od;
using namespace od::catalogue;

namespace {

std::vector<FirstPassMember> some_members() {
  return {{"aadsts", false}, {"invalid_grant", false}, {"a.b", false}, {"(?i)x[0-9]+y", true}};
}

}  // namespace

TEST_SUITE("diagnose") {
  TEST_CASE("the catalogue's first-pass database is the one compiled at build time") {
    const Matcher& m = Matcher::get();
    bool ready = m.first_pass_ready();
    INFO((m.first_pass_prebuilt_error() ? m.first_pass_prebuilt_error()->str() : std::string()));
    CHECK(ready);
    CHECK_FALSE(m.first_pass_prebuilt_error());
    CHECK(m.first_pass_name() == "hyperscan");
    // The prebuilt database finds what the RE2 first pass finds, where it finds it.
    std::string lowered = "2026-11-22 info nothing here\n2026-11-22 error aadsts50011: the redirect uri\n";
    CHECK(m.find_literal(lowered, 0, Matcher::Engine::Hyperscan) == m.find_literal(lowered, 0, Matcher::Engine::Re2));
    CHECK(m.find_literal(lowered, 0, Matcher::Engine::Hyperscan) > lowered.find('\n'));
    CHECK(m.find_literal("nothing at all\n", 0, Matcher::Engine::Hyperscan) == std::string_view::npos);
  }

  TEST_CASE("the member tables built in are the ones the catalogue's patterns give now") {
    // Derived again from the patterns themselves (their literals too), as a build without the
    // tables would: same members, kinds, pattern lists and literal order.
    std::vector<std::string_view> regexes;
    for (auto& e : entries())
      for (auto p : e.patterns) regexes.push_back(p);
    for (auto& f : families()) regexes.push_back(f.pattern);
    std::vector<std::vector<std::string>> derived;
    std::vector<std::vector<std::string_view>> lits;
    for (auto r : regexes) derived.push_back(required_literals(r));
    for (auto& d : derived) lits.emplace_back(d.begin(), d.end());
    std::deque<std::string> owned;
    MemberPlan plan = plan_members(regexes, lits, owned);
    MemberTables t = generated::member_tables();
    REQUIRE(t.text.size() == plan.text.size());
    REQUIRE(t.start.size() == plan.text.size() + 1);
    for (size_t m = 0; m < plan.text.size(); ++m) {
      INFO("member " << m << " '" << plan.text[m] << "'");
      CHECK(t.text[m] == plan.text[m]);
      CHECK((t.regex[m] != 0) == (plan.regex[m] != 0));
      std::vector<int> ids(t.patterns.begin() + t.start[m], t.patterns.begin() + t.start[m + 1]);
      CHECK(ids == plan.patterns[m]);
    }
    CHECK(std::vector<std::string_view>(t.literals.begin(), t.literals.end()) == plan.literals);
    CHECK(Matcher::get().anchors().size() == plan.literals.size());
    CHECK(fingerprint(first_pass_members(plan)) != 0);
  }

  TEST_CASE("a serialised first-pass database loads for its own members only") {
    auto members = some_members();
    auto bytes = hyperscan_serialize(members);
    REQUIRE_MESSAGE(bytes, (bytes ? "" : bytes.error().str()));
    REQUIRE(bytes->size() > 8);

    auto loaded = hyperscan_first_pass(members, *bytes);
    REQUIRE_MESSAGE(loaded, (loaded ? "" : loaded.error().str()));
    auto compiled = hyperscan_first_pass(members);
    REQUIRE(compiled);
    for (std::string_view text : {"nothing\nhere a-b\nAADSTS x12y aadsts\n", "xx aadsts", "x12y", "aadsts aadsts",
                                  "no match at all", "\n\ninvalid_grant\n"})
      for (size_t from : {0, 1, 3}) CHECK((*loaded)->find(text, from) == (*compiled)->find(text, from));
    CHECK((*loaded)->find("nothing\nhere a.b\n", 0) == 13);  // the dot is literal
    CHECK((*loaded)->find("nothing\nhere a-b\n", 0) == std::string_view::npos);

    // Another member list: the fingerprint differs and the bytes are refused.
    auto other = members;
    other[1].text = "invalid_client";
    auto refused = hyperscan_first_pass(other, *bytes);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("other literals") != std::string::npos);
    other = members;
    other[3].regex = false;
    CHECK_FALSE(hyperscan_first_pass(other, *bytes));

    // Cut short, damaged in Hyperscan's header, or missing: an error, never a crash.
    CHECK_FALSE(hyperscan_first_pass(members, std::string_view(*bytes).substr(0, bytes->size() / 2)));
    CHECK_FALSE(hyperscan_first_pass(members, std::string_view(*bytes).substr(0, 12)));
    std::string damaged = *bytes;
    damaged[8] = static_cast<char>(damaged[8] ^ 0x5a);
    CHECK_FALSE(hyperscan_first_pass(members, damaged));
    CHECK_FALSE(hyperscan_first_pass(members, std::string_view()));
    CHECK_FALSE(hyperscan_first_pass(members, std::string_view("12345678")));
  }

  TEST_CASE("the fingerprint of first-pass members tells kinds, texts and their boundaries apart") {
    CHECK(fingerprint(some_members()) == fingerprint(some_members()));
    CHECK(fingerprint({{"ab", false}, {"c", false}}) != fingerprint({{"a", false}, {"bc", false}}));
    CHECK(fingerprint({{"ab", false}}) != fingerprint({{"ab", true}}));
    CHECK(fingerprint({}) != fingerprint({{"", false}}));
  }
}

TEST_SUITE("diagnose") {
  TEST_CASE("a large input's lines are all counted and its errors found, whatever the block and line lengths") {
    // Lines of every length from 0 to 700 (the counters run sixteen bytes at a time and are
    // summed every 4080 bytes), one error line in a few hundred; read through blocks of many sizes.
    std::string text;
    uint64_t lines = 0, errors = 0;
    for (int i = 0; i < 3000; ++i, ++lines) {
      if (i % 397 == 5) {
        text +=
            "2026-11-22T10:00:00Z WARN sign-in failed: AADSTS50011: The redirect URI 'https://app.example/cb' "
            "specified in the request does not match the redirect URIs configured for the application 'x'.\n";
        ++errors;
        continue;
      }
      text += std::string(static_cast<size_t>((i * 37) % 701), static_cast<char>('a' + i % 26)) + "\n";
    }
    text += "no newline at the end";
    ++lines;
    for (size_t block : {size_t{1} << 12, size_t{5000}, size_t{1} << 16, size_t{4} << 20}) {
      INFO("block " << block);
      od::diagnose::Diagnoser d;
      std::istringstream in(text);
      od::diagnose::InputLimits limits;
      limits.block = block;
      limits.max_line = 1 << 12;
      auto stats = od::diagnose::feed(in, "big.log", d, limits);
      REQUIRE(stats);
      CHECK(stats->lines == lines);
      CHECK(stats->bytes == text.size());
      auto r = d.finish();
      REQUIRE_FALSE(r.diagnoses.empty());
      CHECK(r.diagnoses.front().code == "AADSTS50011");
      CHECK(r.diagnoses.front().count == errors);
    }
  }
}
