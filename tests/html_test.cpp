// The HTML report renderer and the matrix behind it: escaping, the five cell states, no secret
// on the page, no request to another origin, hostile or foreign JSON, and `oidc-doctor report`.
// (tests/browser/report.mjs opens the same pages in a real Chromium.)
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "core/category.h"
#include "core/encoding.h"
#include "report/html.h"
#include "report/matrix.h"
#include "rules/registry.h"
#include "rules/rule.h"
#include "support.h"

using od::test::run_cli;
using od::test::Scratch;
using J = nlohmann::ordered_json;

namespace {

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// The data-state of the matrix cell for (environment, check) on a page, or "".
std::string cell_state(const std::string& page, const std::string& env, const std::string& check) {
  std::regex re("data-environment=\"" + env + "\" data-check=\"" + check + "\" data-state=\"([a-z-]+)\"");
  std::smatch m;
  return std::regex_search(page, m, re) ? m[1].str() : "";
}

J one_cell_doc(const std::string& state, const J& finding) {
  J doc = {{"schema", 1},
           {"config", "x.yaml"},
           {"platform", "generic"},
           {"command", "preflight"},
           {"findings", J::array({finding})},
           {"summary", {{"errors", 1}, {"warnings", 0}, {"info", 0}, {"fail_on", "error"}, {"failed", true}}},
           {"environments", J::array({{{"name", "app"}, {"role", "environment"}, {"route", "direct"}}})},
           {"checks", J::array({{{"id", "discovery"}, {"label", "discovery"}, {"group", "IdP"}, {"hop", "metadata"}}})},
           {"matrix", J::array({{{"environment", "app"},
                                 {"check", "discovery"},
                                 {"state", state},
                                 {"findings", J::array({0})},
                                 {"note", ""}}})}};
  return doc;
}

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("html_escape makes text safe in element content and quoted attributes") {
    CHECK(od::html_escape(R"(<a href="x" title='y'>&</a>)") ==
          "&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;");
    CHECK(od::html_escape(std::string("a\x01\x1b[31mb\tc\nd", 12)) == "a[31mb\tc\nd");
    CHECK(od::html_escape("plain text, caf\xc3\xa9") == "plain text, caf\xc3\xa9");
  }

  TEST_CASE("every cell state is drawn with its own class and symbol; an unknown one is not applicable") {
    J f = {{"rule", "OD3002"}, {"name", "metadata-not-json"}, {"severity", "error"}, {"message", "m"}, {"fix", "x"}};
    std::set<std::string> symbols;
    for (std::string s : {"passed", "failed", "warning", "not-reached", "not-applicable"}) {
      CAPTURE(s);
      std::string page = od::render_html(one_cell_doc(s, f));
      CHECK(cell_state(page, "app", "discovery") == s);
      CHECK(page.find("class=\"cell s-" + s + "\"") != std::string::npos);
      std::smatch m;
      std::regex sym("data-state=\"" + s + "\"[^>]*>([^<]+)</button>");
      REQUIRE(std::regex_search(page, m, sym));
      symbols.insert(m[1].str());
    }
    CHECK(symbols.size() == 5);  // a shape for each state, not only a colour
    std::string page = od::render_html(one_cell_doc("bogus\"><script>", f));
    CHECK(cell_state(page, "app", "discovery") == "not-applicable");
    CHECK(count(page, "<script") == 1);
  }

  TEST_CASE("text from the document is escaped and secrets are redacted") {
    std::string jwt =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ."
        "c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";
    J f = {{"rule", "OD3002\"><img src=x onerror=alert(1)>"},
           {"name", "</h3><script>alert(2)</script>"},
           {"severity", "error"},
           {"message", "token " + jwt + " and client_secret=Sup3rS3cretValue99 and http://u:hunter2pw@proxy:3128"},
           {"fix", "<iframe src=\"https://evil.example\"></iframe>"},
           {"predicted_errors", J::array({"<b>bold</b>"})},
           {"location", {{"file", "<x>.yaml"}, {"line", 3}, {"column", 1}}}};
    J doc = one_cell_doc("failed", f);
    doc["environments"][0]["route"] = "proxy http://admin:pr0xyPassw0rd@proxy.acme.com:3128";
    std::string page = od::render_html(doc);
    CHECK(count(page, "<script") == 1);  // only the page's own
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<iframe") == std::string::npos);
    CHECK(page.find("<b>bold") == std::string::npos);
    CHECK(page.find("&lt;iframe") != std::string::npos);
    CHECK(page.find(jwt) == std::string::npos);
    CHECK(page.find("Sup3rS3cretValue99") == std::string::npos);
    CHECK(page.find("hunter2pw") == std::string::npos);
    CHECK(page.find("pr0xyPassw0rd") == std::string::npos);
  }

  TEST_CASE("the page asks for nothing from another origin") {
    auto r = run_cli("lint examples/acme-outsystems-okta.yaml --today 2026-11-22 --format html", "",
                     "OKTA_CONSOLES_SECRET=Kp9-unit-test-marker-secret");
    CHECK(r.exit_code == 1);
    const std::string& page = r.out;
    REQUIRE(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(page.find("Kp9-unit-test-marker-secret") == std::string::npos);
    // The policy forbids every fetch; style and script are allowed by their hashes only.
    CHECK(page.find("default-src 'none'") != std::string::npos);
    CHECK(page.find("'unsafe-inline'") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find(" src=") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find("url(http") == std::string::npos);
    CHECK(page.find("@media print") != std::string::npos);
    CHECK(page.find("prefers-color-scheme:dark") != std::string::npos);
    // The matrix as the findings say: prod's callback is missing, qa goes direct, lint probes nothing.
    CHECK(cell_state(page, "prod", "redirect-uri:web_client:service-center-sign-in") == "failed");
    CHECK(cell_state(page, "qa", "redirect-uri:web_client:service-center-sign-in") == "failed");
    CHECK(cell_state(page, "dev", "redirect-uri:web_client:service-center-sign-in") == "passed");
    CHECK(cell_state(page, "qa", "proxy") == "failed");
    CHECK(cell_state(page, "dev", "proxy") == "not-applicable");
    CHECK(cell_state(page, "lifetime", "tls") == "not-applicable");
    CHECK(cell_state(page, "lifetime", "secret:web_client") == "warning");  // expires within 30 days
    CHECK(cell_state(page, "dev", "redirect-uri:desktop_client:integration-manager") == "passed");
    CHECK(cell_state(page, "lifetime", "redirect-uri:desktop_client:integration-manager") == "not-applicable");
    // LifeTime is the first row, and the near miss names its difference in the grid.
    CHECK(page.find("<tr data-environment=\"lifetime\">") < page.find("<tr data-environment=\"dev\">"));
    CHECK(page.find("near miss: registered as <code>http://qa.acme.com/") != std::string::npos);
  }

  TEST_CASE("preflight: a hop that failed leaves the later ones not reached") {
    auto r = run_cli("preflight --replay fixtures/recordings/OD3502/trigger --format json");
    CHECK(r.exit_code == 1);
    auto doc = J::parse(r.out);
    std::map<std::string, std::string> state;
    for (auto& c : doc["matrix"]) state[c["check"].get<std::string>()] = c["state"].get<std::string>();
    CHECK(state["proxy"] == "failed");
    CHECK(state["dns-tcp"] == "not-reached");
    CHECK(state["discovery"] == "not-reached");
    CHECK(state["jwks"] == "not-reached");
    CHECK(state["secret:web_client"] == "not-reached");
    auto ok = J::parse(run_cli("preflight --replay fixtures/recordings/OD3502/clean --format json").out);
    for (auto& c : ok["matrix"])
      if (c["check"] == "dns-tcp" || c["check"] == "discovery") CHECK(c["state"] == "passed");
  }

  TEST_CASE("oidc-doctor report draws a saved result as the run did, and refuses what is not one") {
    Scratch s("report-cmd");
    std::string json = (s.dir / "r.json").string(), html = (s.dir / "r.html").string();
    auto run = run_cli("lint fixtures/configs/outsystems-entra-broken.yaml --today 2026-11-22 --format json=" + json +
                       " --format html=" + html);
    CHECK(run.exit_code == 1);
    auto again = run_cli("report " + json);
    CHECK(again.exit_code == 0);
    CHECK(again.out == od::test::read_file(html));
    auto piped = run_cli("report - --format html", od::test::read_file(json));
    CHECK(piped.out == again.out);
    // The Entra grid names the platform each URI goes under.
    CHECK(again.out.find("<th>Entra platform</th>") != std::string::npos);
    CHECK(again.out.find("Mobile and desktop applications") != std::string::npos);

    auto bad = run_cli("report " + s.write("bad.json", "{\"findings\": [1, 2"));
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("malformed JSON") != std::string::npos);
    auto other = run_cli("report " + s.write("other.json", "{\"hello\": 1}"));
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("not an oidc-doctor JSON result") != std::string::npos);
    CHECK(run_cli("report " + json + " --format sarif").exit_code == 2);
    // A foreign document of the right shape but wrong types still gives a page.
    auto odd = run_cli("report " + s.write("odd.json",
                                           R"({"findings": [{"rule": 5, "message": ["x"], "location": "here"}, 7],
                                               "environments": "none", "checks": [1], "matrix": {"a": 1},
                                               "summary": []})"));
    CHECK(odd.exit_code == 0);
    CHECK(odd.out.find("</html>") != std::string::npos);
  }

  TEST_CASE("diagnose --format html marks the error's hop and points into the config") {
    auto r = run_cli(
        "diagnose --file fixtures/errors/entra/AADSTS50011.txt --config fixtures/configs/outsystems-entra-broken.yaml "
        "--today 2026-11-22 --format html");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("data-category=\"redirect-uri-mismatch\" data-hop=\"authorize\"") != std::string::npos);
    CHECK(r.out.find("data-hop=\"authorize\" data-state=\"failed\"") != std::string::npos);
    // One marked hop per diagnosis, and nothing else marked.
    CHECK(count(r.out, "<section class=\"diagnosis\"") >= 1);
    CHECK(count(r.out, "data-state=\"failed\"") == count(r.out, "<section class=\"diagnosis\""));
    CHECK(r.out.find("<ul class=\"config\">") != std::string::npos);
  }

  TEST_CASE("every offline and probe rule has a matrix column or is listed apart on purpose") {
    // Rules about the config file itself, sign-out URIs and registered URIs the platform never
    // sends: shown under Findings, marked "not in the matrix".
    const std::set<std::string_view> apart = {"OD1001", "OD1002", "OD1003", "OD2003", "OD2004",
                                              "OD2005", "OD2006", "OD2701", "OD2807", "OD3304"};
    for (const od::Rule* r : od::all_rules()) {
      if (r->phase != od::Phase::Offline && r->phase != od::Phase::Probe) continue;
      CAPTURE(r->id);
      CHECK((od::check_of_rule(r->id).empty() == (apart.count(r->id) > 0)));
    }
  }

  TEST_CASE("every category belongs to a hop of the sign-in, or is listed as belonging to none") {
    const std::set<std::string_view> none = {"unknown", "config-invalid"};
    for (auto& c : od::categories()) {
      CAPTURE(c.name);
      CHECK((od::hop_of_category(c.name).empty() == (none.count(c.name) > 0)));
    }
  }
}
