#include "report/html.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "core/encoding.h"
#include "core/redact.h"

namespace od {

namespace {

using J = nlohmann::ordered_json;

// Reading the document: whatever is absent or of another type reads as empty, so a hand-edited
// or foreign JSON file gives a page, never a crash.
std::string str(const J& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return "";
}
long long num(const J& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<long long>() : 0;
}
const J& arr(const J& j, const char* key) {
  static const J empty = J::array();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}
const J& obj(const J& j, const char* key) {
  static const J empty = J::object();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

// Every string that reaches the page: secrets redacted, then escaped for HTML.
std::string esc(std::string_view s) { return html_escape(redact_url_credentials(redact(s))); }

std::string sha256_base64(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  return base64_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

const std::set<std::string> kStates = {"passed", "failed", "warning", "not-reached", "not-applicable"};

std::string state_of(const std::string& s) { return kStates.count(s) ? s : "not-applicable"; }

std::string_view symbol(std::string_view state) {
  if (state == "passed") return "\u2713";       // check mark
  if (state == "failed") return "\u2717";       // ballot x
  if (state == "warning") return "!";           //
  if (state == "not-reached") return "\u2026";  // ellipsis: the probe never got there
  if (state == "not-applicable") return "\u2013";
  return "";
}

std::string_view state_words(std::string_view state) {
  if (state == "passed") return "passed";
  if (state == "failed") return "failed";
  if (state == "warning") return "warning";
  if (state == "not-reached") return "not reached (an earlier hop failed)";
  if (state == "not-applicable") return "not applicable";
  return "";
}

// Of the states of a hop's checks: failed, warning, not reached, passed, then not applicable.
int rank(std::string_view s) {
  if (s == "failed") return 5;
  if (s == "warning") return 4;
  if (s == "not-reached") return 3;
  if (s == "passed") return 2;
  if (s == "not-applicable") return 1;
  return 0;
}

constexpr std::string_view kStyle = R"CSS(
:root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--nr:#57606a;--nr-bg:#eaeef2;--na:#8c959f;--na-bg:transparent;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--pass:#3fb950;--pass-bg:#12261e;--fail:#f85149;--fail-bg:#2d1214;--warn:#d29922;--warn-bg:#272115;
--nr:#9198a1;--nr-bg:#212830;--na:#6e7681;--focus:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1400px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:0 0 4px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.summary{font-weight:600;margin:8px 0}.summary .failed{color:var(--fail)}.summary .passed{color:var(--pass)}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
.matrix th,.matrix td{border:1px solid var(--line);padding:0;text-align:center}
.matrix thead th{font-weight:600;font-size:12px;padding:4px}
.matrix thead tr.groups th span{display:inline-block;max-width:8em}
.matrix thead tr.labels th.col{height:150px;vertical-align:bottom;white-space:nowrap}
.matrix thead tr.labels th.col span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block}
.matrix tbody th{text-align:left;padding:4px 8px;white-space:nowrap;font-weight:600}
.matrix tbody th small{display:block;font-weight:400;color:var(--muted)}
.cell{display:block;width:34px;height:34px;margin:0;border:2px solid transparent;background:none;color:inherit;
font:700 16px/1 system-ui,sans-serif;cursor:pointer;padding:0;margin:0 auto}
.cell:focus-visible,.cell[aria-pressed=true]{outline:3px solid var(--focus);outline-offset:-3px}
.s-passed{color:var(--pass);background:var(--pass-bg)}
.s-failed{color:#fff;background:var(--fail)}
.s-warning{color:var(--warn);background:var(--warn-bg);border-color:var(--warn)!important;border-style:dotted!important}
.s-not-reached{color:var(--nr);background:var(--nr-bg);border-color:var(--nr)!important;border-style:dashed!important}
.s-not-applicable{color:var(--na);background:var(--na-bg)}
.chip{display:inline-flex;align-items:center;justify-content:center;min-width:22px;height:22px;border:2px solid transparent;
border-radius:4px;font-weight:700;padding:0 4px}
#detail{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px;margin-top:12px;min-height:60px}
.finding{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:4px;padding:8px 12px;margin:8px 0;background:var(--bg)}
.finding.sev-error{border-left-color:var(--fail)}.finding.sev-warning{border-left-color:var(--warn)}.finding.sev-info{border-left-color:var(--focus)}
.finding p{margin:4px 0}.finding ul{margin:2px 0 2px 18px;padding:0}
.sev{text-transform:uppercase;font-size:11px;letter-spacing:.04em}
.badge{font-size:11px;border:1px solid var(--line);border-radius:10px;padding:0 6px;color:var(--muted)}
.grid{margin:8px 0 16px}.grid th,.grid td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.grid thead th{background:var(--panel)}
button.copy{font:inherit;font-size:12px;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:var(--panel);color:var(--fg);cursor:pointer}
.tabs{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.tabs button{font:inherit;padding:3px 10px;border:1px solid var(--line);border-radius:14px;background:var(--panel);color:var(--fg);cursor:pointer}
.tabs button[aria-selected=true]{border-color:var(--focus);outline:2px solid var(--focus)}
svg.flow{width:100%;max-width:1200px;height:auto;display:block}
svg.flow text{fill:var(--fg);font:12px system-ui,sans-serif}svg.flow text.sub{fill:var(--muted);font-size:10.5px}
svg.flow .hop rect{fill:var(--panel);stroke:var(--line);stroke-width:1.5}
svg.flow .hop.s-failed rect{fill:var(--fail-bg);stroke:var(--fail);stroke-width:3}
svg.flow .hop.s-warning rect{fill:var(--warn-bg);stroke:var(--warn);stroke-dasharray:2 3;stroke-width:2.5}
svg.flow .hop.s-passed rect{stroke:var(--pass);stroke-width:2}
svg.flow .hop.s-not-reached rect{stroke:var(--nr);stroke-dasharray:6 4;stroke-width:2}
svg.flow .hop text.sym{font-weight:700;font-size:14px}
svg.flow .hop.s-failed text.sym{fill:var(--fail)}svg.flow .hop.s-passed text.sym{fill:var(--pass)}
svg.flow .hop.s-warning text.sym{fill:var(--warn)}svg.flow .hop.s-not-reached text.sym{fill:var(--nr)}
svg.flow line,svg.flow path.arrow{stroke:var(--muted);stroke-width:1.5;fill:none}
svg.flow .marker{fill:var(--muted)}svg.flow text.path{fill:var(--muted);font-weight:600}
svg.flow text.here{fill:var(--fail);font-weight:700}
.flowpanel[hidden]{display:none}
@media print{@page{size:A4 landscape;margin:10mm}
body{background:#fff;color:#000;font-size:10.5pt}main{max-width:none;padding:0}
.tabs,button.copy,#detail,.noprint{display:none!important}.flowpanel[hidden]{display:block!important}
.flowpanel{break-inside:avoid}.finding{break-inside:avoid}
.cell{width:24px;height:24px;font-size:12px;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.matrix thead tr.labels th.col{height:110px;font-size:9pt}.scroll{overflow:visible}
h2{break-after:avoid}}
)CSS";

constexpr std::string_view kScript = R"JS(
(function(){
  var cells=[].slice.call(document.querySelectorAll('.matrix .cell'));
  var detail=document.getElementById('detail-body');
  function at(r,c){return document.querySelector('.matrix .cell[data-row="'+r+'"][data-col="'+c+'"]');}
  function focusCell(el){if(!el)return;cells.forEach(function(x){x.tabIndex=-1;});el.tabIndex=0;el.focus();}
  function open(el){
    cells.forEach(function(x){x.setAttribute('aria-pressed','false');});
    el.setAttribute('aria-pressed','true');
    detail.textContent='';
    var h=document.createElement('h3');
    h.textContent=el.getAttribute('data-environment')+' \u00b7 '+el.getAttribute('data-label')+': '+el.getAttribute('data-words');
    detail.appendChild(h);
    if(el.getAttribute('data-uri')){var u=document.createElement('p');var c=document.createElement('code');
      c.textContent=el.getAttribute('data-uri');u.appendChild(c);detail.appendChild(u);}
    var note=el.getAttribute('data-note');
    if(note){var p=document.createElement('p');p.className='muted';p.textContent=note;detail.appendChild(p);}
    var ids=(el.getAttribute('data-findings')||'').split(' ').filter(Boolean);
    ids.forEach(function(i){var f=document.getElementById('finding-'+i);
      if(f){var k=f.cloneNode(true);k.removeAttribute('id');detail.appendChild(k);}});
  }
  cells.forEach(function(el){
    el.addEventListener('click',function(){focusCell(el);open(el);});
    el.addEventListener('keydown',function(e){
      var r=+el.getAttribute('data-row'),c=+el.getAttribute('data-col'),t=null;
      var last=+el.closest('tr').lastElementChild.querySelector('.cell').getAttribute('data-col');
      if(e.key==='ArrowRight')t=at(r,c+1);else if(e.key==='ArrowLeft')t=at(r,c-1);
      else if(e.key==='ArrowDown')t=at(r+1,c);else if(e.key==='ArrowUp')t=at(r-1,c);
      else if(e.key==='Home')t=at(r,0);else if(e.key==='End')t=at(r,last);
      else if(e.key==='Enter'||e.key===' '){e.preventDefault();open(el);return;}
      else return;
      e.preventDefault();if(t){focusCell(t);}
    });
  });
  [].slice.call(document.querySelectorAll('.tabs')).forEach(function(tabs){
    var buttons=[].slice.call(tabs.querySelectorAll('button'));
    buttons.forEach(function(b){b.addEventListener('click',function(){
      buttons.forEach(function(x){x.setAttribute('aria-selected',x===b?'true':'false');
        var p=document.getElementById(x.getAttribute('aria-controls'));if(p)p.hidden=(x!==b);});
    });});
  });
  [].slice.call(document.querySelectorAll('button.copy')).forEach(function(b){
    b.addEventListener('click',function(){
      var text=b.getAttribute('data-copy');var label=b.textContent;
      function done(){b.textContent='copied';setTimeout(function(){b.textContent=label;},1200);}
      function fallback(){var t=document.createElement('textarea');t.value=text;document.body.appendChild(t);t.select();
        try{document.execCommand('copy');done();}catch(e){}document.body.removeChild(t);}
      if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(done,fallback);}else{fallback();}
    });
  });
})();
)JS";

// The page around a body: CSP that allows only this page's own style and script (by hash) and
// no request to anywhere.
std::string page(const std::string& title, const std::string& body) {
  std::string csp = "default-src 'none'; style-src 'sha256-" + sha256_base64(kStyle) + "'; script-src 'sha256-" +
                    sha256_base64(kScript) + "'; img-src data:; base-uri 'none'; form-action 'none'";
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<title>" + esc(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  out += body;
  out += "</main>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return out;
}

std::string legend() {
  std::string out = "<ul class=\"legend\" aria-label=\"legend\">";
  for (auto s : {"passed", "failed", "warning", "not-reached", "not-applicable"})
    out += fmt::format("<li><span class=\"chip s-{}\" aria-hidden=\"true\">{}</span>{}</li>", s, symbol(s),
                       state_words(s));
  return out + "</ul>\n";
}

// --- the sign-in flow ------------------------------------------------------------------------

struct Hop {
  std::string id, label, sub;
  std::string state;  // a cell state, or "" when no check of this run belongs to the hop
  std::string here;   // a short label under a failing hop ("fails here", the error code)
};

std::string hop_node(const Hop& h, double x, double y, double w, double hgt) {
  std::string cls = h.state.empty() ? "hop" : "hop s-" + h.state;
  std::string out = fmt::format("<g class=\"{}\" data-hop=\"{}\" data-state=\"{}\">", cls, esc(h.id),
                                h.state.empty() ? "none" : esc(h.state));
  out += fmt::format("<title>{}{}</title>", esc(h.label), h.state.empty() ? "" : ": " + esc(state_words(h.state)));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>", x, y, w, hgt);
  out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", x + 8, y + 20, esc(h.label));
  if (!h.sub.empty()) {
    std::string sub = h.sub.size() > 30 ? h.sub.substr(0, 29) + "\u2026" : h.sub;
    out += fmt::format("<text class=\"sub\" x=\"{}\" y=\"{}\">{}</text>", x + 8, y + 38, esc(sub));
  }
  if (!h.state.empty())
    out += fmt::format("<text class=\"sym\" x=\"{}\" y=\"{}\" aria-hidden=\"true\">{}</text>", x + w - 18, y + 20,
                       symbol(h.state));
  if (!h.here.empty())
    out += fmt::format("<text class=\"here\" x=\"{}\" y=\"{}\">\u25B2 {}</text>", x + 8, y + hgt + 16, esc(h.here));
  return out + "</g>";
}

// Two rows: the web sign-in, and the development tools' PKCE path beside (under) it.
std::string flow_svg(const std::string& id, const std::string& caption, const std::vector<Hop>& web,
                     const std::vector<Hop>& tools) {
  const double w = 128, h = 50, gap = 22, x0 = 10, y0 = 26, y1 = 140;
  double width = x0 * 2 + web.size() * w + (web.size() - 1) * gap;
  double height = tools.empty() ? 100 : 220;
  std::string out = fmt::format(
      "<svg class=\"flow\" id=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">",
      esc(id), width, height, esc(caption));
  out += fmt::format(
      "<defs><marker id=\"{}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
      "markerHeight=\"7\" orient=\"auto\"><path class=\"marker\" d=\"M0,0L10,5L0,10z\"/></marker></defs>",
      esc(id));
  auto row = [&](const std::vector<Hop>& hops, double y, const char* title) {
    out += fmt::format("<text class=\"path\" x=\"{}\" y=\"{}\">{}</text>", x0, y - 8, title);
    for (size_t i = 0; i < hops.size(); ++i) {
      double x = x0 + i * (w + gap);
      if (i + 1 < hops.size())
        out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" marker-end=\"url(#{}-arrow)\"/>", x + w,
                           y + h / 2, x + w + gap - 1, y + h / 2, esc(id));
      out += hop_node(hops[i], x, y, w, h);
    }
  };
  row(web, y0, "web sign-in");
  if (!tools.empty()) row(tools, y1, "development tools (PKCE, no secret)");
  return out + "</svg>";
}

struct FlowHops {
  std::vector<Hop> web, tools;
};

FlowHops base_flow(const std::string& env, const std::string& route, bool with_tools) {
  FlowHops f;
  f.web = {{"browser", "Browser", "user opens the app"},
           {"platform", "Platform", env.empty() ? "" : env},
           {"metadata", "IdP metadata", route.empty() ? "discovery, TLS, issuer" : "via " + route},
           {"authorize", "IdP authorize", "client id, redirect URI"},
           {"callback", "Back to platform", "code at the redirect URI"},
           {"token", "Token exchange", "secret, expiry, keys"},
           {"claims", "Claims \u2192 user", "username claim"},
           {"session", "Session", "user signed in"}};
  if (with_tools)
    f.tools = {{"tool", "Development tool", "Service Studio ..."},
               {"tool-authorize", "IdP authorize", "tool redirect URI"},
               {"tool-callback", "Back to the tool", "custom scheme"},
               {"tool-token", "Token exchange", "PKCE verifier"},
               {"tool-session", "Session", "tool signed in"}};
  return f;
}

void mark_first_failure(FlowHops& f, const std::string& label) {
  for (auto* path : {&f.web, &f.tools})
    for (auto& h : *path)
      if (h.state == "failed") {
        h.here = label;
        return;
      }
}

// --- findings --------------------------------------------------------------------------------

std::string finding_article(const J& f, size_t index, bool placed) {
  std::string sev = str(f, "severity");
  if (sev != "error" && sev != "warning" && sev != "info") sev = "info";
  bool suppressed = obj(f, "suppressed").size() > 0;
  std::string out = fmt::format(
      "<article class=\"finding sev-{}\" id=\"finding-{}\" data-finding=\"{}\" data-rule=\"{}\" "
      "data-severity=\"{}\" data-placed=\"{}\"{}>",
      sev, index, index, esc(str(f, "rule")), sev, placed ? "true" : "false",
      suppressed ? " data-suppressed=\"true\"" : "");
  out += fmt::format("<h3><span class=\"sev\">{}</span> {} <span class=\"muted\">{}</span>{}{}</h3>", sev,
                     esc(str(f, "rule")), esc(str(f, "name")),
                     placed ? "" : " <span class=\"badge\">not in the matrix</span>",
                     suppressed ? " <span class=\"badge\">suppressed</span>" : "");
  out += "<p class=\"msg\">" + esc(str(f, "message")) + "</p>";
  if (auto fix = str(f, "fix"); !fix.empty()) out += "<p><b>Fix:</b> " + esc(fix) + "</p>";
  auto& predicted = arr(f, "predicted_errors");
  if (!predicted.empty()) {
    out += "<p><b>Users would see:</b></p><ul>";
    for (auto& p : predicted)
      if (p.is_string()) out += "<li>" + esc(p.get<std::string>()) + "</li>";
    out += "</ul>";
  }
  auto& loc = obj(f, "location");
  std::string where = str(loc, "file");
  if (num(loc, "line") > 0) where += fmt::format(":{}:{}", num(loc, "line"), num(loc, "column"));
  std::string ctx;
  if (auto e = str(f, "environment"); !e.empty()) ctx += " \u00b7 environment " + esc(e);
  if (auto c = str(f, "client"); !c.empty()) ctx += " \u00b7 client " + esc(c);
  out += "<p class=\"loc\"><b>Config line:</b> <code>" + esc(where) + "</code>" + ctx + "</p>";
  if (suppressed) {
    auto& s = obj(f, "suppressed");
    out += "<p class=\"muted\">suppressed (" + esc(str(s, "kind")) + ")" +
           (str(s, "reason").empty() ? "" : ": " + esc(str(s, "reason"))) + "; counted in no total</p>";
  }
  return out + "</article>\n";
}

std::string summary_line(const J& doc) {
  auto& s = obj(doc, "summary");
  bool failed = s.contains("failed") && s["failed"].is_boolean() && s["failed"].get<bool>();
  long long suppressed = num(s, "suppressed");
  return fmt::format(
      "<p class=\"summary\" id=\"summary\">{} error(s), {} warning(s), {} info{} \u00b7 fail-on {} \u00b7 <span "
      "class=\"{}\">{}</span></p>\n",
      num(s, "errors"), num(s, "warnings"), num(s, "info"),
      suppressed ? fmt::format(", {} suppressed", suppressed) : "", esc(str(s, "fail_on")),
      failed ? "failed" : "passed", failed ? "FAILED" : "passed");
}

std::string redirect_grid(const J& doc) {
  auto& items = arr(doc, "redirect_uris");
  if (items.empty()) return "";
  std::vector<std::string> clients;
  for (auto& i : items)
    if (auto c = str(i, "client"); std::find(clients.begin(), clients.end(), c) == clients.end()) clients.push_back(c);
  std::string out = "<section id=\"redirect-uris\"><h2>Redirect URIs to register</h2>\n";
  out +=
      "<p class=\"muted\">Per client, every URI the platform sends and what the config says is registered. IdPs "
      "compare them exactly.</p>\n";
  for (auto& c : clients) {
    bool entra = false;
    std::string to_register;
    for (auto& i : items)
      if (str(i, "client") == c) {
        if (!str(i, "platform").empty()) entra = true;
        auto st = str(i, "state");
        if (st == "missing" || st == "near-miss") to_register += (to_register.empty() ? "" : "\n") + str(i, "uri");
      }
    out += "<h3>" + esc(c) + "</h3>";
    if (!to_register.empty())
      out += "<p><button class=\"copy\" type=\"button\" data-copy=\"" + esc(to_register) +
             "\">Copy the URIs still to register</button></p>";
    out += "<div class=\"scroll\"><table class=\"grid\" data-client=\"" + esc(c) +
           "\"><thead><tr><th>URI</th><th>used by</th><th>environment</th><th>state</th>";
    if (entra) out += "<th>Entra platform</th>";
    out += "<th class=\"noprint\"></th></tr></thead><tbody>\n";
    for (auto& i : items) {
      if (str(i, "client") != c) continue;
      std::string st = str(i, "state");
      std::string cls = st == "registered" ? "passed" : st == "unexpected" ? "warning" : "failed";
      std::string words = st == "near-miss" ? "near miss" : st;
      if (st == "near-miss")
        words +=
            ": registered as <code>" + esc(str(i, "registered_as")) + "</code> (" + esc(str(i, "difference")) + ")";
      else if (st == "unexpected")
        words += ": registered, but the platform sends no such URI";
      else if (st != "registered" && st != "missing")
        words = esc(st);
      out += fmt::format(
          "<tr data-client=\"{}\" data-uri=\"{}\" data-state=\"{}\"><td><code>{}</code></td><td>{}</td><td>{}</td>"
          "<td><span class=\"chip s-{}\" aria-hidden=\"true\">{}</span> {}</td>",
          esc(c), esc(str(i, "uri")), esc(st), esc(str(i, "uri")), esc(str(i, "purpose")),
          str(i, "environment").empty() ? "all" : esc(str(i, "environment")), cls, symbol(cls), words);
      if (entra) {
        std::string p = esc(str(i, "platform"));
        if (auto under = str(i, "registered_under"); !under.empty() && under != str(i, "platform"))
          p += " <span class=\"muted\">(now under " + esc(under) + ")</span>";
        out += "<td>" + p + "</td>";
      }
      out += "<td class=\"noprint\"><button class=\"copy\" type=\"button\" data-copy=\"" + esc(str(i, "uri")) +
             "\">copy</button></td></tr>\n";
    }
    out += "</tbody></table></div>\n";
  }
  if (std::any_of(items.begin(), items.end(), [](const J& i) { return !str(i, "platform").empty(); }))
    out +=
        "<p class=\"muted\">Entra: a confidential client's server-side callbacks go under Web; custom schemes and "
        "every URI of a public (PKCE) client under Mobile and desktop applications; none of them under Single-page "
        "application.</p>\n";
  return out + "</section>\n";
}

}  // namespace

std::string_view hop_of_category(std::string_view c) {
  static const std::map<std::string_view, std::string_view> kHops = {
      {"redirect-uri-mismatch", "authorize"},
      {"redirect-uri-missing", "authorize"},
      {"redirect-uri-invalid", "authorize"},
      {"client-not-found", "authorize"},
      {"client-disabled", "authorize"},
      {"response-type-not-enabled", "authorize"},
      {"scope-invalid", "authorize"},
      {"consent-required", "authorize"},
      {"api-permission-missing", "authorize"},
      {"user-not-assigned", "authorize"},
      {"mfa-required", "authorize"},
      {"access-policy-denied", "authorize"},
      {"tenant-mismatch", "authorize"},
      {"account-disabled", "authorize"},
      {"credentials-invalid", "authorize"},
      {"interaction-required", "authorize"},
      {"user-cancelled", "authorize"},
      {"spa-platform-mismatch", "authorize"},
      {"invalid-request", "authorize"},
      {"resource-invalid", "authorize"},
      {"api-version", "authorize"},
      {"session-state-lost", "callback"},
      {"nonce-invalid", "callback"},
      {"client-secret-invalid", "token"},
      {"client-secret-expired", "token"},
      {"client-auth-method", "token"},
      {"grant-invalid", "token"},
      {"grant-type-not-allowed", "token"},
      {"pkce", "token"},
      {"refresh-token-missing", "token"},
      {"token-signature-invalid", "token"},
      {"token-lifetime", "token"},
      {"audience-mismatch", "token"},
      {"secret-exposed", "token"},
      {"metadata-unreachable", "metadata"},
      {"metadata-invalid", "metadata"},
      {"issuer-mismatch", "metadata"},
      {"tls-trust", "metadata"},
      {"proxy-inconsistent", "metadata"},
      {"username-claim-mismatch", "claims"},
      {"user-not-found", "claims"},
      {"logout-uri-mismatch", "session"},
      {"oauth-session-missing", "session"},
      {"integration-not-associated", "session"},
      {"prerequisites-outdated", "platform"},
      {"config-not-saved", "platform"},
      {"server-error", "authorize"},
      {"rate-limited", "authorize"},
      {"subject-token-invalid", "token"},
      {"signing-key-missing", "token"},
      {"device-flow", "authorize"},
  };
  auto it = kHops.find(c);
  return it == kHops.end() ? std::string_view() : it->second;
}

std::string render_html(const J& doc) {
  std::string command = str(doc, "command");
  if (command.empty()) command = "lint";
  auto& findings = arr(doc, "findings");
  auto& envs = arr(doc, "environments");
  auto& checks = arr(doc, "checks");
  auto& cells = arr(doc, "matrix");
  auto& provider = obj(doc, "provider");

  std::string body;
  body += "<header><h1>oidc-doctor " + esc(command) + " report</h1>\n";
  std::string idp = str(provider, "name").empty() ? str(provider, "kind") : str(provider, "name");
  body += "<p class=\"muted\"><code>" + esc(str(doc, "config")) + "</code> \u00b7 platform " +
          esc(str(doc, "platform")) + (idp.empty() ? "" : " \u00b7 IdP " + esc(idp)) +
          fmt::format(" \u00b7 {} environment(s) \u00b7 oidc-doctor {}", envs.size(),
                      esc(str(obj(doc, "tool"), "version"))) +
          "</p>\n";
  body += summary_line(doc);
  if (command == "lint")
    body +=
        "<p class=\"muted\">lint checks the config offline; the network and IdP columns are filled by "
        "<code>oidc-doctor preflight</code>.</p>\n";
  body += "</header>\n";

  // Which findings a cell holds, and which are in no cell.
  std::set<size_t> placed;
  for (auto& c : cells)
    for (auto& i : arr(c, "findings"))
      if (i.is_number_unsigned() || i.is_number_integer()) placed.insert(i.get<size_t>());

  // Check id -> column index and metadata.
  std::map<std::string, size_t> col_of;
  for (size_t i = 0; i < checks.size(); ++i) col_of[str(checks[i], "id")] = i;
  std::map<std::string, size_t> row_of;
  for (size_t i = 0; i < envs.size(); ++i) row_of[str(envs[i], "name")] = i;
  std::vector<std::vector<const J*>> grid(envs.size(), std::vector<const J*>(checks.size(), nullptr));
  for (auto& c : cells) {
    auto r = row_of.find(str(c, "environment"));
    auto k = col_of.find(str(c, "check"));
    if (r != row_of.end() && k != col_of.end()) grid[r->second][k->second] = &c;
  }

  if (!envs.empty() && !checks.empty()) {
    body += "<section id=\"matrix\"><h2>Environments \u00d7 checks</h2>\n";
    body +=
        "<p class=\"muted\">Columns in the order a sign-in travels. Select a cell (arrow keys move, Enter opens) to "
        "see its finding: message, fix, the error users would see and the config line.</p>\n";
    body += legend();
    body += "<div class=\"scroll\"><table class=\"matrix\" role=\"grid\" aria-label=\"environment by check\">\n<thead>";
    // Group header row: consecutive columns of one group share a cell.
    body += "<tr class=\"groups\"><th></th>";
    for (size_t i = 0; i < checks.size();) {
      std::string g = str(checks[i], "group");
      size_t j = i;
      while (j < checks.size() && str(checks[j], "group") == g) ++j;
      body += fmt::format("<th colspan=\"{}\" scope=\"colgroup\"><span>{}</span></th>", j - i, esc(g));
      i = j;
    }
    body += "</tr>\n<tr class=\"labels\"><th scope=\"col\">environment</th>";
    for (auto& c : checks)
      body += "<th class=\"col\" scope=\"col\" data-check=\"" + esc(str(c, "id")) + "\"><span>" + esc(str(c, "label")) +
              "</span></th>";
    body += "</tr></thead>\n<tbody>\n";
    for (size_t r = 0; r < envs.size(); ++r) {
      auto& e = envs[r];
      std::string name = str(e, "name");
      body += "<tr data-environment=\"" + esc(name) + "\"><th scope=\"row\">" + esc(name) + "<small>" +
              esc(str(e, "role")) + " \u00b7 " + esc(str(e, "route")) + "</small></th>";
      for (size_t k = 0; k < checks.size(); ++k) {
        const J* cell = grid[r][k];
        std::string state = cell ? state_of(str(*cell, "state")) : "not-applicable";
        std::string ids;
        if (cell)
          for (auto& i : arr(*cell, "findings"))
            if (i.is_number_integer()) ids += (ids.empty() ? "" : " ") + std::to_string(i.get<long long>());
        std::string label = str(checks[k], "label");
        std::string client = cell ? str(*cell, "client") : "";
        std::string uri = cell ? str(*cell, "uri") : "";
        std::string extra;
        if (str(checks[k], "id").rfind("redirect-uri:", 0) == 0)
          extra = " data-client=\"" + esc(client) + "\" data-uri=\"" + esc(uri) + "\"";
        std::string group = str(checks[k], "group");
        body += fmt::format(
            "<td role=\"gridcell\"><button type=\"button\" class=\"cell s-{}\" tabindex=\"{}\" data-row=\"{}\" "
            "data-col=\"{}\" data-environment=\"{}\" data-check=\"{}\" data-state=\"{}\"{} data-findings=\"{}\" "
            "data-label=\"{}\" data-words=\"{}\" data-note=\"{}\" aria-pressed=\"false\" aria-label=\"{}: {}, {}\" "
            "title=\"{}: {}\">{}</button></td>",
            state, r == 0 && k == 0 ? 0 : -1, r, k, esc(name), esc(str(checks[k], "id")), state, extra, ids,
            esc(group + ": " + label), state_words(state), cell ? esc(str(*cell, "note")) : "", esc(name),
            esc(group + " " + label), state_words(state), esc(label), state_words(state), symbol(state));
      }
      body += "</tr>\n";
    }
    body += "</tbody></table></div>\n";
    body +=
        "<div id=\"detail\" aria-live=\"polite\"><div id=\"detail-body\"><p class=\"muted\">Select a cell to see "
        "what it found.</p></div></div>\n</section>\n";

    // The flow, one per environment, failing hop marked.
    bool tools = false;
    for (auto& c : checks)
      if (str(c, "hop") == "tool-authorize") tools = true;
    body += "<section id=\"flow\"><h2>Sign-in flow</h2>\n";
    body +=
        "<p class=\"muted\">Each hop shows the worst state of its checks for the environment; the first failing hop "
        "is marked.</p>\n<div class=\"tabs\" role=\"tablist\">";
    std::vector<FlowHops> flows;
    size_t shown = envs.size();  // the first environment with a failing hop opens first
    for (size_t r = 0; r < envs.size(); ++r) {
      FlowHops f = base_flow(str(envs[r], "name"), str(envs[r], "route"), tools);
      for (auto* path : {&f.web, &f.tools})
        for (auto& h : *path)
          for (size_t k = 0; k < checks.size(); ++k) {
            if (str(checks[k], "hop") != h.id || !grid[r][k]) continue;
            std::string s = state_of(str(*grid[r][k], "state"));
            if (rank(s) > rank(h.state)) h.state = s;
          }
      mark_first_failure(f, "fails here");
      for (auto* path : {&f.web, &f.tools})
        for (auto& h : *path)
          if (!h.here.empty() && shown == envs.size()) shown = r;
      flows.push_back(std::move(f));
    }
    if (shown == envs.size()) shown = 0;
    for (size_t r = 0; r < envs.size(); ++r)
      body +=
          fmt::format("<button type=\"button\" role=\"tab\" aria-selected=\"{}\" aria-controls=\"flow-{}\">{}</button>",
                      r == shown ? "true" : "false", r, esc(str(envs[r], "name")));
    body += "</div>\n";
    for (size_t r = 0; r < envs.size(); ++r) {
      std::string name = str(envs[r], "name");
      body += fmt::format("<div class=\"flowpanel\" id=\"flow-{}\" data-environment=\"{}\" role=\"tabpanel\"{}>", r,
                          esc(name), r == shown ? "" : " hidden");
      body += "<h3>" + esc(name) + "</h3>";
      body += flow_svg(fmt::format("flow-svg-{}", r), "sign-in flow for " + name, flows[r].web, flows[r].tools);
      body += "</div>\n";
    }
    body += "</section>\n";
  }

  body += redirect_grid(doc);

  body += "<section id=\"findings\"><h2>Findings</h2>\n";
  if (findings.empty()) body += "<p>No findings.</p>\n";
  for (size_t i = 0; i < findings.size(); ++i) body += finding_article(findings[i], i, placed.count(i) > 0);
  body += "</section>\n";
  return page("oidc-doctor " + command + " report: " + str(doc, "config"), body);
}

std::string render_diagnose_html(const J& doc) {
  auto& diagnoses = arr(doc, "diagnoses");
  std::string body = "<header><h1>oidc-doctor diagnose</h1>\n";
  bool recognized = doc.contains("recognized") && doc["recognized"].is_boolean() && doc["recognized"].get<bool>();
  body += fmt::format(
      "<p class=\"summary\" id=\"summary\">{}</p>\n</header>\n",
      recognized ? fmt::format("{} error(s) recognised", diagnoses.size()) : std::string("nothing recognised"));
  for (size_t d = 0; d < diagnoses.size(); ++d) {
    auto& x = diagnoses[d];
    std::string error = str(x, "error").empty() ? str(x, "code") : str(x, "error");
    std::string category = str(x, "category");
    std::string hop(hop_of_category(category));
    body += fmt::format("<section class=\"diagnosis\" data-code=\"{}\" data-category=\"{}\" data-hop=\"{}\">",
                        esc(str(x, "code")), esc(category), esc(hop));
    body += "<h2>" + esc(error) + ": " + esc(str(x, "title")) + "</h2>\n";
    body += "<p class=\"muted\">" + esc(str(x, "provider")) + " \u00b7 category <code>" + esc(category) + "</code></p>";
    FlowHops f = base_flow("", "", true);
    // A tool's own sign-in shows on the tools' path when the error is the tools' (PKCE).
    bool tool_side = category == "pkce";
    for (auto* path : {&f.web, &f.tools})
      for (auto& h : *path) {
        bool match = h.id == hop || (tool_side && h.id == "tool-token");
        if (tool_side && h.id == "token") match = false;
        if (match && !hop.empty()) h.state = "failed";
      }
    mark_first_failure(f, error);
    body += flow_svg(fmt::format("diagnosis-flow-{}", d), "sign-in flow: " + error, f.web, f.tools);
    if (hop.empty()) body += "<p class=\"muted\">This error belongs to no single hop of the sign-in.</p>";
    if (auto m = str(x, "meaning"); !m.empty()) body += "<p>" + esc(m) + "</p>";
    if (auto c = str(x, "cause"); !c.empty()) body += "<p><b>Most likely cause:</b> " + esc(c) + "</p>";
    auto& fix = arr(x, "fix");
    if (!fix.empty()) {
      body += "<p><b>Fix:</b></p><ol>";
      for (auto& s : fix)
        if (s.is_string()) body += "<li>" + esc(s.get<std::string>()) + "</li>";
      body += "</ol>";
    }
    auto& config = arr(x, "config");
    if (!config.empty()) {
      body += "<p><b>In your config:</b></p><ul class=\"config\">";
      for (auto& c : config) {
        std::string where;
        if (auto e = str(c, "environment"); !e.empty()) where += "environment " + esc(e) + " \u00b7 ";
        if (auto cl = str(c, "client"); !cl.empty()) where += "client " + esc(cl) + " \u00b7 ";
        body += "<li data-location=\"" + esc(str(c, "location")) + "\">" + where + esc(str(c, "message")) +
                (str(c, "location").empty() ? "" : " <code>" + esc(str(c, "location")) + "</code>") +
                (str(c, "rule").empty() ? "" : " <span class=\"badge\">" + esc(str(c, "rule")) + "</span>") + "</li>";
      }
      body += "</ul>";
    }
    if (auto ev = str(x, "evidence"); !ev.empty()) body += "<p><b>Evidence:</b> <code>" + esc(ev) + "</code></p>";
    if (auto ref = str(x, "reference"); !ref.empty())
      body += "<p class=\"muted\">Reference: <code>" + esc(ref) + "</code></p>";
    body += "</section>\n";
  }
  if (!recognized) {
    body += "<section><h2>What to try next</h2><ul>";
    for (auto& g : arr(doc, "guidance"))
      if (g.is_string()) body += "<li>" + esc(g.get<std::string>()) + "</li>";
    body += "</ul></section>\n";
  }
  return page("oidc-doctor diagnose", body);
}

}  // namespace od
