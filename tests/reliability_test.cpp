// Super-linear time and cut characters (issue 14): each reproducer runs at a size where the old
// quadratic code would take minutes or hours (so a regression shows as a ctest timeout, not as a
// flaky timing margin) and checks the answer is still right; and excerpts never end inside a
// UTF-8 sequence.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/encoding.h"
#include "core/text.h"
#include "imports/json_doc.h"
#include "imports/machine_config.h"
#include "rules/policy.h"
#include "rules/registry.h"
#include "support.h"

using namespace od;

namespace {

std::string repeat(std::string_view unit, size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

}  // namespace

TEST_SUITE("hardening") {
  TEST_CASE("a long line of `<x` or `&x` without `>` or `;`: HTML and entity handling stay linear") {
    // 24 MB, 8 million tag starts: searching for `>` again after each one reads ~10^14 bytes.
    std::string lt = "AADSTS50011 " + repeat("<x ", 8'000'000);
    CHECK_FALSE(looks_like_html(lt));
    CHECK(looks_like_html(lt + ">"));
    CHECK(looks_like_html("<p>text</p>"));
    CHECK_FALSE(looks_like_html("a > b < c"));
    std::string text = html_to_text(lt);
    CHECK(text.size() > 20'000'000);

    std::string amp = repeat("&x ", 8'000'000);
    CHECK(decode_entities(amp) == amp);
    CHECK(decode_entities("a &amp; b &#x41; &lt;c&gt; &toolongname; &") == "a & b A <c> &toolongname; &");
  }

  TEST_CASE("machine.config: positions come from one line index, not a rescan per attribute") {
    // 200 000 bypass entries, one per line (~9 MB): a rescan from offset 0 per attribute reads
    // ~10^12 bytes. The last entry's position must still be its own line and column.
    std::string xml =
        "<configuration>\n<system.net>\n<defaultProxy>\n<proxy usesystemdefault=\"false\" "
        "proxyaddress=\"http://proxy.example:3128\" bypassonlocal=\"true\" />\n<bypasslist>\n";
    const int n = 200'000;
    for (int i = 0; i < n; ++i) xml += "  <add address=\"host" + std::to_string(i) + "\\.example\\.com\" />\n";
    xml += "</bypasslist>\n</defaultProxy>\n</system.net>\n</configuration>\n";
    test::Scratch dir("reliability-mc");
    auto path = dir.write("machine.config", xml);
    auto mc = imports::read_machine_config(path, "machine.config", 1);
    REQUIRE(mc.ok());
    REQUIRE(mc->bypass.size() == static_cast<size_t>(n));
    CHECK(mc->bypass.back().value == "host199999\\.example\\.com");
    CHECK(mc->bypass.back().pos.line == 5 + n);
    CHECK(mc->bypass.back().pos.column == 17);  // just inside the quote of address="

    // 100 000 adds, then a remove of each but the last: the old erase per remove walked the whole
    // list each time (~10^10 comparisons). A remove drops earlier entries only; clear drops all.
    std::string removes = xml.substr(0, xml.find("<bypasslist>\n") + 13);
    for (int i = 0; i < 100'000; ++i) removes += "<add address=\"h" + std::to_string(i) + "\" />\n";
    for (int i = 0; i < 99'999; ++i) removes += "<remove address=\"h" + std::to_string(i) + "\" />\n";
    removes += "<add address=\"h0\" /><clear /><add address=\"late\" /><remove address=\"h0\" />";
    removes += "</bypasslist>\n</defaultProxy>\n</system.net>\n</configuration>\n";
    auto rm = imports::read_machine_config(dir.write("removes.config", removes), "removes.config", 1);
    REQUIRE(rm.ok());
    REQUIRE(rm->bypass.size() == 1);
    CHECK(rm->bypass[0].value == "late");
    removes.replace(removes.find("<clear />"), 9, "");
    rm = imports::read_machine_config(dir.write("removes.config", removes), "removes.config", 1);
    REQUIRE(rm.ok());
    REQUIRE(rm->bypass.size() == 2);
    CHECK(rm->bypass[0].value == "h99999");
    CHECK(rm->bypass[1].value == "late");

    imports::LineIndex idx("ab\ncd\n\nef");
    CHECK(idx.at(0).line == 1);
    CHECK(idx.at(2).column == 3);  // the newline ends line 1
    CHECK(idx.at(3).line == 2);
    CHECK(idx.at(7).line == 4);
    CHECK(idx.at(99).column == 3);  // past the end: the end
  }

  TEST_CASE("own-line suppressions: each finds its key once, without rescanning the comment run") {
    // 150 000 own-line suppressions before one key: the old scan walked the rest of the run from
    // each of them (~10^10 line checks). There is no finding to hide, so each is reported as
    // unused (OD9001), once.
    const int n = 150'000;
    Config cfg;
    cfg.file = "big.yaml";
    cfg.source = "version: 1\n" + repeat("# oidc-doctor: disable=OD2401 -- accepted\n", n) +
                 "provider:\n  name: x\n  web_client:\n    client_id: a\n";
    std::vector<Finding> findings;
    Policy policy;
    apply_policy(cfg, policy, findings);
    REQUIRE(findings.size() == static_cast<size_t>(n));
    for (auto& f : findings) REQUIRE(f.rule->id == "OD9001");

    // The subtree a suppression covers: the key's line and everything indented deeper.
    Config small;
    small.file = "s.yaml";
    small.source =
        "version: 1\n# oidc-doctor: disable=OD2401 -- x\nprovider:\n  name: x\n\n  # c\n  kind: okta\nenvironments: "
        "[]\n";
    Finding f;
    f.rule = find_rule("OD2401");
    REQUIRE(f.rule);
    f.location.file = "s.yaml";
    std::vector<Finding> inside{f}, outside{f};
    inside[0].location.pos = {7, 3};
    outside[0].location.pos = {8, 1};
    apply_policy(small, policy, inside);
    apply_policy(small, policy, outside);
    CHECK(inside[0].suppression);
    CHECK_FALSE(outside[0].suppression);
  }

  TEST_CASE("baseline: entry lines are counted on from the previous entry, and a missed key stops the search") {
    // 100 000 entries (~9 MB): counting lines from the top for each reads ~10^11 bytes.
    const int n = 100'000;
    std::string doc = "{\"schema\": 1, \"entries\": [\n";
    for (int i = 0; i < n; ++i)
      doc += std::string(i ? ",\n" : "") + "  {\"rule\": \"OD2401\", \"file\": \"x.yaml\", \"key\": \"k" +
             std::to_string(i) + "\"}";
    doc += "\n]}\n";
    test::Scratch dir("reliability-baseline");
    auto b = load_baseline(dir.write("baseline.json", doc));
    REQUIRE(b.ok());
    REQUIRE(b->entries.size() == static_cast<size_t>(n));
    CHECK(b->entries[0].line == 2);
    CHECK(b->entries.back().line == n + 1);
    // Same key twice: the second entry is on its own line, not the first one's.
    auto twice = load_baseline(dir.write(
        "twice.json",
        "{\"schema\": 1, \"entries\": [\n{\"rule\": \"OD2401\", \"file\": \"x\", \"key\": \"k\"},\n{\"rule\": "
        "\"OD2401\", \"file\": \"x\", \"key\": \"k\"}]}"));
    REQUIRE(twice.ok());
    CHECK(twice->entries[1].line == 3);
    // A key written with an escape is not found; it and those after it point at line 1.
    auto escaped = load_baseline(dir.write("escaped.json",
                                           "{\"schema\": 1, \"entries\": [\n{\"rule\": \"OD2401\", \"file\": \"x\", "
                                           "\"key\": \"\\u006b\"},\n{\"rule\": \"OD2401\", \"file\": \"x\", \"key\": "
                                           "\"j\"}]}"));
    REQUIRE(escaped.ok());
    CHECK(escaped->entries[0].line == 1);
    CHECK(escaped->entries[1].line == 1);
  }

  TEST_CASE("excerpts are cut on character boundaries") {
    std::string euros = repeat("\xe2\x82\xac", 100);  // 300 bytes, 3 per character
    for (size_t max = 1; max < 40; ++max) {
      auto c = clip(euros, max);
      CHECK(c.size() <= max);
      CHECK(valid_utf8(c) == c);
    }
    CHECK(clip("short", 10) == "short");
    CHECK(clip("abcdefghij", 8) == "abcde...");
    CHECK(clip("ab\xe2\x82\xac", 3, "") == "ab");
    CHECK(utf8_boundary("ab\xe2\x82\xac", 3) == 2);
    CHECK(utf8_boundary("ab\xe2\x82\xac", 5) == 5);
    // Not UTF-8 at all (a run of continuation bytes): cut where asked rather than searching back.
    CHECK(utf8_boundary(std::string(10, '\x80'), 6) == 6);
  }

  TEST_CASE("valid_utf8: only well-formed sequences pass, everything else becomes U+FFFD") {
    const std::string r = "\xef\xbf\xbd";
    CHECK(valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91") == "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91");
    CHECK(valid_utf8("caf\xe9") == "caf" + r);
    CHECK(valid_utf8("\xe2\x82") == r + r);                  // cut short
    CHECK(valid_utf8("\xc0\xaf") == r + r);                  // overlong '/'
    CHECK(valid_utf8("\xed\xa0\x80") == r + r + r);          // a surrogate
    CHECK(valid_utf8("\xf4\x90\x80\x80") == r + r + r + r);  // above U+10FFFF
    CHECK(valid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));
  }

  TEST_CASE("every format, with Latin-1, binary and cut UTF-8 from the config and from the IdP: no exit 3, UTF-8 out") {
    test::Scratch dir("reliability-formats");
    auto cfg = test::read_file(test::source_path("fixtures/configs/generic-auth0-clean.yaml"));
    auto at = cfg.find("name: Auth0 (proseware)");
    REQUIRE(at != std::string::npos);
    cfg.replace(at, 23, "name: Auth0 caf\xe9 \xff\xfe \xe2\x82");
    auto bad = dir.write("latin1.yaml", cfg);
    for (std::string format : {"text", "json", "sarif", "junit", "github", "gitlab", "concise"}) {
      auto r = test::run_cli("lint --no-resolve-secrets --today 2026-11-22 --format " + format + " " + bad, "",
                             "NO_COLOR=1 timeout 20");
      CHECK_MESSAGE(r.exit_code < 3, format << ": " << r.err);
      // The machine formats must be UTF-8; the text ones show the bytes as they are.
      if (format == "json" || format == "sarif" || format == "gitlab" || format == "junit")
        CHECK_MESSAGE(valid_utf8(r.out) == r.out, format);
    }

    // A recording whose bodies are Latin-1 and binary (as JSON escapes, the only way a recording
    // holds them) and whose HTML is cut inside a character, replayed in every format.
    auto rec_dir = test::source_path("fixtures/recordings/OD3002/trigger");
    auto rec = test::read_file(rec_dir + "/recording.json");
    const std::string page =
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>";
    auto body = rec.find(page);
    REQUIRE(body != std::string::npos);
    // 3-byte characters first, so the 40-byte excerpt of OD3002 falls inside one.
    rec.replace(body, page.size(), repeat("\xe2\x82\xac", 200) + " Bitte \\u00e9 \\u001f\\u008b\\u0008");
    std::filesystem::create_directories(dir.dir / "rec");
    dir.write("rec/recording.json", rec);
    dir.write("rec/config.yaml", test::read_file(rec_dir + "/config.yaml"));
    for (std::string format : {"text", "json", "sarif", "junit", "github", "gitlab", "concise"}) {
      auto r = test::run_cli("preflight --replay " + (dir.dir / "rec").string() + " --format " + format, "",
                             "NO_COLOR=1 timeout 20");
      CHECK_MESSAGE(r.exit_code == 1, format << ": " << r.err);
      CHECK_MESSAGE(valid_utf8(r.out) == r.out, format);  // the page was valid UTF-8: so is every excerpt
      if (format == "json" || format == "sarif" || format == "gitlab") CHECK(nlohmann::json::accept(r.out));
    }
  }
}
