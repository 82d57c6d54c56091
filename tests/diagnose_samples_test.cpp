// The catalogue's samples (fixtures/errors/<provider>/*.txt) must diagnose to the code and
// category they declare, bare and wrapped the ways users paste them.
#include <doctest/doctest.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "catalogue/anchors.h"
#include "catalogue/catalogue.h"
#include "catalogue/matcher.h"
#include "core/encoding.h"
#include "diagnose/input.h"
#include "support.h"

using namespace od;
using namespace od::diagnose;
using namespace od::catalogue;

namespace {

struct Sample {
  std::string path, provider, code, category, body, source;
  std::vector<std::pair<std::string, std::string>> extract;
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> all = [] {
    std::vector<Sample> out;
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::recursive_directory_iterator(test::source_path("fixtures/errors")))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
      Sample s;
      s.path = f.string();
      s.provider = f.parent_path().filename().string();
      std::istringstream in(test::read_file(s.path));
      std::string line;
      while (std::getline(in, line)) {
        if (line.rfind("#!", 0) != 0) {
          s.body += line + "\n";
          continue;
        }
        std::istringstream h(line.substr(2));
        std::string key;
        h >> key;
        if (key == "expect:") h >> s.code >> s.category;
        if (key == "source:") {
          std::getline(h, s.source);
          s.source.erase(0, s.source.find_first_not_of(' '));
        }
        if (key == "extract:") {
          std::string rest;
          std::getline(h, rest);
          rest.erase(0, rest.find_first_not_of(' '));
          auto eq = rest.find('=');
          if (eq != std::string::npos) s.extract.push_back({rest.substr(0, eq), rest.substr(eq + 1)});
        }
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return all;
}

// Samples of a platform's own messages are read as that platform's users would paste them.
Options options_for(const Sample& s) {
  if (s.provider == "outsystems" || s.provider == "posit-connect") return {.platform = s.provider};
  return {};
}

std::string top_code(const Expected<Result>& r) {
  if (!r) return "error: " + r.error().str();
  if (r->diagnoses.empty()) return "(nothing)";
  return r->diagnoses.front().code;
}

std::string all_codes(const Expected<Result>& r) {
  std::string s;
  if (r)
    for (auto& d : r->diagnoses) s += d.code + " ";
  return s;
}

bool oauth_style(const std::string& code) {
  return !code.empty() &&
         std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// A page's paragraph: escaped, its line breaks as <br>.
std::string html_paragraph(const std::string& s) {
  std::string out;
  for (char c : od::html_escape(s, od::Apostrophe::Decimal))
    out += c == '\n' ? std::string("<br>\n") : std::string(1, c);
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The ways a message reaches users: in a redirect URL, a JSON body, an HTML page, an MSAL
// exception, a log line.
std::vector<std::pair<std::string, std::string>> variants(const Sample& s) {
  std::string body = trimmed(s.body);
  std::vector<std::pair<std::string, std::string>> v;
  if (oauth_style(s.code))
    v.push_back({"url", "https://app.example.com/signin-oidc?error=" + s.code +
                            "&error_description=" + od::percent_encode(body, "-._~", true) + "&state=af0ifjsldkj"});
  nlohmann::json j = nlohmann::json::object();
  if (oauth_style(s.code)) j["error"] = s.code;
  j["error_description"] = body;
  v.push_back({"json", j.dump()});
  v.push_back({"html",
               "<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head>\n<body><div "
               "id=\"error\" class=\"alert\"><p>" +
                   html_paragraph(body) + "</p></div>\n</body></html>\n"});
  v.push_back({"msal", "Microsoft.Identity.Client.MsalServiceException: " + body});
  v.push_back({"log", "2026-11-22T10:15:30.123Z ERROR [http-nio-8080-exec-3] c.acme.auth.SignInHandler - " + body});
  return v;
}

// Start offsets of the lines a first-pass engine hands on, walked the way LineFeeder does.
std::vector<size_t> first_pass_lines(std::string_view lowered, Matcher::Engine engine) {
  const Matcher& m = Matcher::get();
  std::vector<size_t> out;
  size_t pos = 0;
  while (pos < lowered.size()) {
    size_t hit = m.find_literal(lowered, pos, engine);
    if (hit == std::string_view::npos) break;
    REQUIRE(hit >= pos);
    size_t nl = hit == 0 ? std::string_view::npos : lowered.rfind('\n', hit - 1);
    size_t bol = nl == std::string_view::npos ? 0 : nl + 1;
    out.push_back(bol);
    size_t eol = lowered.find('\n', bol);
    pos = eol == std::string_view::npos ? lowered.size() : eol + 1;
  }
  return out;
}

}  // namespace

TEST_SUITE("diagnose") {
  TEST_CASE("every catalogue entry has a sample and every sample names a catalogue entry") {
    REQUIRE(samples().size() > 200);
    std::set<std::string> sampled;
    for (auto& s : samples()) {
      INFO(s.path);
      CHECK_MESSAGE(!s.code.empty(), "missing `#! expect: CODE category`");
      CHECK_MESSAGE(catalogue::find(s.code) != nullptr, "expects a code the catalogue does not have: " << s.code);
      sampled.insert(s.code);
    }
    for (auto& e : catalogue::entries()) CHECK_MESSAGE(sampled.count(std::string(e.code)), "no sample for " << e.code);
  }

  TEST_CASE("every sample says where its text comes from, or that it is unconfirmed") {
    // A public thread or vendor page (URL), a provider source file pinned to a commit
    // (owner/repo path @abc1234), or the word "unconfirmed": a bare "documented" or "recorded"
    // cannot be checked by anyone.
    static const RE2 checkable(R"((?i)https?://[^\s)]+|\bunconfirmed\b|[\w.-]+/[\w.-]+ [^@]*@[0-9a-f]{7,40}\b)");
    REQUIRE(!samples().empty());
    for (auto& s : samples()) {
      INFO(s.path);
      CHECK_MESSAGE(!s.source.empty(), "missing `#! source:` line");
      CHECK_MESSAGE(RE2::PartialMatch(s.source, checkable),
                    "source is neither a URL, a source file at a commit, nor marked unconfirmed: " << s.source);
    }
    CHECK_FALSE(RE2::PartialMatch("documented (vendor error reference)", checkable));
    CHECK_FALSE(RE2::PartialMatch("recorded (public issue reports; hosts and ids replaced)", checkable));
    CHECK(RE2::PartialMatch("keycloak/keycloak services/TokenEndpoint.java @02523d19ea6d (source file)", checkable));
  }

  TEST_CASE("every sample diagnoses to its code and category, with its extracted values") {
    int passed = 0;
    for (auto& s : samples()) {
      INFO(s.path);
      auto r = diagnose_text(s.body, options_for(s));
      REQUIRE_MESSAGE(r, (r ? "" : r.error().str()));
      INFO("diagnoses: " << all_codes(r));
      CHECK(top_code(r) == s.code);
      if (r->diagnoses.empty() || r->diagnoses.front().code != s.code) continue;
      auto& top = r->diagnoses.front();
      CHECK(top.category == s.category);
      bool values_ok = true;
      for (auto& name_value : s.extract) {
        auto& name = name_value.first;
        auto& value = name_value.second;
        std::vector<std::string> got;
        for (auto& [n, vs] : top.extracted)
          if (n == name) got = vs;
        bool found = std::find(got.begin(), got.end(), value) != got.end();
        CHECK_MESSAGE(found,
                      "extract " << name << "=" << value << " (got " << (got.empty() ? "nothing" : got.front()) << ")");
        values_ok = values_ok && found;
      }
      passed += top.category == s.category && values_ok;
    }
    MESSAGE(passed << " of " << samples().size() << " samples diagnose exactly");
  }

  TEST_CASE("samples wrapped in URLs, JSON bodies, HTML pages, MSAL exceptions and log lines keep their diagnosis") {
    int checked = 0;
    for (auto& s : samples()) {
      for (auto& kind_text : variants(s)) {
        auto& kind = kind_text.first;
        auto& text = kind_text.second;
        INFO(s.path << " as " << kind << ":\n" << text);
        auto r = diagnose_text(text, options_for(s));
        INFO("diagnoses: " << all_codes(r));
        CHECK(top_code(r) == s.code);
        ++checked;
      }
    }
    CHECK(checked > 4 * static_cast<int>(samples().size()));
  }

  TEST_CASE("the first pass never hides a match: a pattern that matches a sample has its literal in it") {
    // Guards anchors.cpp against deriving a literal the pattern does not require.
    RE2::Options o;
    o.set_log_errors(false);
    struct Compiled {
      std::string_view pattern;
      std::unique_ptr<RE2> re;
      std::vector<std::string> literals;
    };
    std::vector<Compiled> patterns;
    for (auto& e : catalogue::entries())
      for (auto p : e.patterns) patterns.push_back({p, std::make_unique<RE2>(p, o), required_literals(p)});
    int checked = 0;
    for (auto& s : samples()) {
      std::string lowered;
      ascii_lower(s.body, lowered);
      for (auto& p : patterns) {
        if (p.literals.empty() || !RE2::PartialMatch(s.body, *p.re)) continue;
        bool any = std::any_of(p.literals.begin(), p.literals.end(),
                               [&](auto& l) { return lowered.find(l) != std::string::npos; });
        INFO(s.path << " pattern " << p.pattern);
        CHECK(any);
        ++checked;
      }
    }
    CHECK(checked >= static_cast<int>(samples().size()));
  }

  TEST_CASE("the RE2::Set used for large inputs and the literal search used for pastes find the same candidates") {
    const Matcher& m = Matcher::get();
    int compared = 0, with_candidates = 0;
    for (auto& s : samples()) {
      for (auto& kind_text : variants(s)) {
        auto& kind = kind_text.first;
        auto& text = kind_text.second;
        std::string lowered;
        ascii_lower(text, lowered);
        auto scan = m.candidates(lowered, Matcher::Mode::Scan);
        auto set = m.candidates(lowered, Matcher::Mode::Set);
        INFO(s.path << " as " << kind);
        CHECK(scan == set);
        REQUIRE(m.first_pass_ready());  // else Mode::Hyperscan would be the Set again
        CHECK(m.candidates(lowered, Matcher::Mode::Hyperscan) == scan);
        ++compared;
        with_candidates += !scan.empty();
      }
    }
    CHECK(with_candidates > compared / 2);
  }
  TEST_CASE("the Hyperscan and RE2 first passes hand on the same lines") {
    const Matcher& m = Matcher::get();
    m.find_literal("", 0);  // builds the Auto engine
    INFO((m.first_pass_error() ? m.first_pass_error()->str() : std::string()));
    CHECK_FALSE(m.first_pass_error());
    CHECK(m.first_pass_name() == "hyperscan");
    int compared = 0, with_lines = 0;
    auto same = [&](const std::string& text) {
      std::string lowered;
      ascii_lower(text, lowered);
      auto re2 = first_pass_lines(lowered, Matcher::Engine::Re2);
      auto hs = first_pass_lines(lowered, Matcher::Engine::Hyperscan);
      CHECK(re2 == hs);
      ++compared;
      with_lines += !re2.empty();
      return re2.size();
    };
    for (auto& s : samples()) {
      INFO(s.path);
      same(s.body);
      for (auto& kind_text : variants(s)) {
        auto& kind = kind_text.first;
        auto& text = kind_text.second;
        INFO(kind);
        same(text);
      }
    }
    CHECK(with_lines > compared / 2);
    // The bench-like log, alone and between lines that hold nothing, as a large input sees it.
    std::string log = test::read_file(test::source_path("fixtures/diagnose/signin.log"));
    std::string big;
    for (int i = 0; i < 2000; ++i) {
      big += "2026-11-22T07:00:00.000Z INFO  [main] c.acme.web.RequestLogger - GET /static/" + std::to_string(i) +
             ".css 200 1ms\n";
      if (i % 100 == 0) big += log;
    }
    CHECK(same(log) > 0);
    CHECK(same(big) >= 20 * same(log));
  }

  TEST_CASE("a first-pass member Hyperscan cannot compile is an error value, not an exception") {
    auto bad = hyperscan_first_pass({{"aadsts", false}, {"(?i)unclosed(group", true}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("unclosed(group") != std::string::npos);
    CHECK_FALSE(hyperscan_first_pass({}));
    auto good = hyperscan_first_pass({{"aadsts", false}, {"a.b", false}, {"(?i)x[0-9]+y", true}});
    REQUIRE(good);
    std::string_view text = "nothing\nhere a-b\nAADSTS x12y aadsts\n";
    CHECK((*good)->find(text, 0) == 24);  // a.b is a literal dot; the regex reports its start
    CHECK((*good)->find("xx aadsts", 0) == 3);
    CHECK((*good)->find("x12y", 0) == 0);
    CHECK((*good)->find("aadsts aadsts", 1) == 7);
  }
  TEST_CASE("ascii_lower folds A-Z only, at every alignment and length") {
    std::string all;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    for (size_t skip = 0; skip < 9; ++skip) {
      std::string_view in = std::string_view(all).substr(skip);
      std::string out;
      ascii_lower(in, out);
      REQUIRE(out.size() == in.size());
      for (size_t i = 0; i < in.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        CHECK(static_cast<unsigned char>(out[i]) == (c >= 'A' && c <= 'Z' ? c + 32 : c));
      }
    }
  }
}
