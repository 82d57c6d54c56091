#include "diagnose/normalize.h"

#include <cctype>

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/encoding.h"
#include "core/json.h"
#include "core/text.h"

namespace od::diagnose {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void add_segment(std::vector<Segment>& out, std::string text, std::string via, bool part = false) {
  std::string_view t = trim(text);
  if (t.empty()) return;
  for (auto& s : out)
    if (s.text == t) return;
  out.push_back({std::string(t), std::move(via), false, part});
}

constexpr std::string_view kContextParams[] = {"redirect_uri", "client_id", "scope",    "response_type",
                                               "grant_type",   "resource",  "audience", "post_logout_redirect_uri"};

std::string strip_value_tail(std::string v) {
  while (!v.empty() && (v.back() == ',' || v.back() == ';' || v.back() == '.')) v.pop_back();
  return v;
}

// error / error_description pairs and request parameters in URL queries, fragments and forms.
void scan_params(std::string_view text, std::vector<Segment>& out, Params* context) {
  if (text.find('=') == std::string_view::npos) return;
  static constexpr std::string_view kStops = " \t\r\n\"'<>`";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find_first_not_of(kStops, pos);
    if (start == std::string_view::npos) break;
    size_t end = text.find_first_of(kStops, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view run = text.substr(start, end - start);
    pos = end;
    if (run.find('=') == std::string_view::npos) continue;
    if (auto q = run.find('?'); q != std::string_view::npos) run.remove_prefix(q + 1);
    std::string error, description, codes;
    // The query and the fragment both carry parameters (implicit and form_post responses).
    size_t part_start = 0;
    while (part_start <= run.size()) {
      size_t hash = run.find('#', part_start);
      if (hash == std::string_view::npos) hash = run.size();
      for (auto& [k, v] : parse_params(run.substr(part_start, hash - part_start))) {
        if (k == "error")
          error = strip_value_tail(v);
        else if (k == "error_description" || k == "error_message")
          description = v;
        else if (k == "error_codes" || k == "error_code")
          codes = strip_value_tail(v);
        else if (context && is_context_param(k) && !v.empty())
          context->push_back({k, strip_value_tail(v)});
      }
      part_start = hash + 1;
    }
    if (error.empty() && description.empty()) continue;
    std::string seg = error;
    if (!description.empty()) seg += (seg.empty() ? "" : ": ") + description;
    if (!codes.empty() && seg.find(codes) == std::string::npos) seg += " (error codes: " + codes + ")";
    add_segment(out, seg, "url");
  }
}

bool has_key(const nlohmann::json& o, const char* k) { return o.is_object() && o.contains(k); }

void json_parts(const nlohmann::json& v, std::vector<std::string>& parts, int depth);

void add_part(std::vector<std::string>& parts, std::string s, int depth) {
  std::string_view t = trim(s);
  if (t.empty()) return;
  // A JSON document inside a string (error_description holding a body) is unwrapped too.
  if ((t.front() == '{' || t.front() == '[') && depth < 4) {
    auto inner = try_parse_json(t);
    if (!inner.is_discarded()) {
      json_parts(inner, parts, depth + 1);
      return;
    }
  }
  for (auto& p : parts)
    if (p.find(t) != std::string::npos) return;
  parts.emplace_back(t);
}

void json_parts(const nlohmann::json& v, std::vector<std::string>& parts, int depth) {
  if (depth > 6) return;
  if (v.is_array()) {
    for (auto& item : v) json_parts(item, parts, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  auto str = [&](const char* k) { return json_string(v, k); };
  // Entra sign-in log records carry the AADSTS number as an integer next to failureReason.
  auto ec = v.find("errorCode");
  if (ec != v.end() && ec->is_number_integer() && ec->get<long long>() > 0 && has_key(v, "failureReason"))
    add_part(parts, "AADSTS" + std::to_string(ec->get<long long>()), depth);
  static constexpr const char* kText[] = {"error",         "error_description", "errorCode", "errorSummary", "suberror",
                                          "failureReason", "message",           "Message",   "detail",       "title",
                                          "reason"};
  for (const char* k : kText) {
    auto it = v.find(k);
    if (it == v.end()) continue;
    if (it->is_string()) {
      // A bare "code" or "message" outside an error object is often unrelated; keep it anyway,
      // it only adds text that the patterns still have to match.
      add_part(parts, it->get<std::string>(), depth);
    } else if (it->is_object() || it->is_array()) {
      json_parts(*it, parts, depth + 1);
    }
  }
  if (auto code = str("code"); !code.empty() && has_key(v, "message")) add_part(parts, code, depth);
  if (auto codes = v.find("error_codes"); codes != v.end() && codes->is_array())
    for (auto& c : *codes)
      if (c.is_number_integer()) add_part(parts, "AADSTS" + std::to_string(c.get<long long>()), depth);
  if (auto causes = v.find("errorCauses"); causes != v.end() && causes->is_array())
    for (auto& c : *causes) json_parts(c, parts, depth + 1);
  // Nested records (status objects of sign-in logs, error arrays of API answers).
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!it->is_object() && !it->is_array()) continue;
    const std::string& k = it.key();
    if (k == "error" || k == "errorCauses" || k == "error_codes") continue;
    json_parts(*it, parts, depth + 1);
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.' || c == '/' || c == '-';
}

// The message of a log line: after the timestamp, then level, [thread], (thread) and logger in
// any order. Hand-written because it runs on every line the first pass selects. Returns the
// whole text when it does not start with a timestamp.
std::string_view log_message(std::string_view s) {
  size_t i = 0;
  auto digits = [&](size_t n) {
    for (size_t k = 0; k < n; ++k)
      if (i + k >= s.size() || !is_digit(s[i + k])) return false;
    i += n;
    return true;
  };
  auto take = [&](char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  };
  while (i < s.size() && s[i] == ' ') ++i;
  bool bracket = take('[');
  size_t start = i;
  if (digits(4) && take('-') && digits(2) && take('-') && digits(2) && (take('T') || take(' ')) && digits(2) &&
      take(':') && digits(2) && take(':') && digits(2)) {
    if (take('.') || take(','))
      while (i < s.size() && is_digit(s[i])) ++i;
    if (!take('Z') && i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
      if (digits(2)) {
        take(':');
        digits(2);
      }
    }
  } else {
    i = start;  // syslog: "Nov 22 10:15:30"
    if (!(i + 15 <= s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && s[i + 3] == ' ')) return s;
    i += 4;
    while (i < s.size() && s[i] == ' ') ++i;
    if (!digits(1)) return s;
    digits(1);  // one- or two-digit day
    if (!(take(' ') && digits(2) && take(':') && digits(2) && take(':') && digits(2))) return s;
  }
  if (bracket) take(']');
  static constexpr std::string_view kLevels[] = {"TRACE", "DEBUG", "INFO",  "NOTICE",   "WARN",  "WARNING",
                                                 "ERROR", "ERR",   "FATAL", "CRITICAL", "SEVERE"};
  for (;;) {
    size_t before = i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == before && i < s.size()) break;
    if (i >= s.size()) return s.substr(i);
    if (s[i] == '[' || s[i] == '(') {
      size_t close = s.find(s[i] == '[' ? ']' : ')', i);
      if (close == std::string_view::npos) break;
      i = close + 1;
      continue;
    }
    size_t j = i;
    while (j < s.size() && is_word(s[j])) ++j;
    std::string_view token = s.substr(i, j - i);
    bool level = std::find(std::begin(kLevels), std::end(kLevels), token) != std::end(kLevels);
    if (level && j < s.size() && s[j] == ':') ++j;
    if (level) {
      i = j;
      continue;
    }
    // A logger: "c.acme.auth.SignInHandler -" or "c.acme.auth.SignInHandler:"
    if (!token.empty() && token.find('.') != std::string_view::npos) {
      if (j + 2 <= s.size() && s.compare(j, 2, " -") == 0) {
        i = j + 2;
        continue;
      }
      if (j < s.size() && s[j] == ':') {
        i = j + 1;
        continue;
      }
    }
    break;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

struct Wrapper {
  const char* pattern;
  mutable std::unique_ptr<RE2> compiled;  // on first use: most texts never need most wrappers
  const RE2& re() const {
    if (!compiled) {
      RE2::Options o;
      o.set_log_errors(false);
      compiled = std::make_unique<RE2>(pattern, o);
    }
    return *compiled;
  }
  const char* via;
  const char* rewrite;
  const char* needle;  // cheap test before the regex runs
};

const std::vector<Wrapper>& wrappers() {
  static const std::vector<Wrapper> w = [] {
    std::vector<Wrapper> v;
    auto add = [&](const char* re, const char* via, const char* rewrite, const char* needle) {
      v.push_back({re, nullptr, via, rewrite, needle});
    };
    // msal-node / msal-browser: "ServerError: invalid_grant: 70008 - [2026-...]: AADSTS70008: ..."
    add(R"((?:ServerError|InteractionRequiredAuthError|ClientAuthError|BrowserAuthError|NativeAuthError): ([A-Za-z0-9_]+): (?:[\d, ]+ - \[[^\]]*\]: )?(.+))",
        "MSAL.js", "\\1: \\2", "Error: ");
    add(R"(\bOriginal exception:\s*(.+))", "MSAL.NET", "\\1", "Original exception");
    add(R"((?:Microsoft\.Identity\.Client\.)?Msal\w*Exception:\s*(.+))", "MSAL.NET", "\\1", "Exception");
    add(R"(\bCaused by: (?:[\w$]+\.)*[\w$]*(?:Exception|Error)[\w$]*: (.+))", "Java cause", "\\1", "Caused by");
    add(R"( ---> (?:[\w]+\.)*\w*Exception: (.+))", ".NET inner exception", "\\1", " ---> ");
    add(R"((?:org\.springframework\.[\w.]+Exception): (.+))", "Spring Security", "\\1", "springframework");
    add(R"((?:^|\s)(oidc: .+))", "go-oidc", "\\1", "oidc: ");
    add(R"(^\s*(?:[\w$]+\.)+[\w$]*(?:Exception|Error)[\w$]*: (.+))", "exception", "\\1", "ion: ");
    return v;
  }();
  return w;
}

}  // namespace

bool is_context_param(std::string_view name) {
  return std::find(std::begin(kContextParams), std::end(kContextParams), name) != std::end(kContextParams);
}

std::string unescape_json_text(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char e = s[i + 1];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'n': out += '\n'; break;
      case 'r': break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned cp = 0;
        bool ok = i + 5 < s.size();
        for (size_t k = 2; ok && k < 6; ++k) {
          int d = hex_digit_value(s[i + k]);
          if (d < 0)
            ok = false;
          else
            cp = cp * 16 + static_cast<unsigned>(d);
        }
        if (!ok) {
          out += "\\u";
          break;
        }
        append_utf8(out, cp);
        i += 4;
        break;
      }
      default: out += '\\'; out += e;
    }
    ++i;
  }
  return out;
}

Params parse_params(std::string_view query) {
  Params out;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(pos, amp - pos);
    if (auto eq = pair.find('='); eq != std::string_view::npos && eq > 0)
      out.push_back({percent_decode(pair.substr(0, eq), true), percent_decode(pair.substr(eq + 1), true)});
    pos = amp + 1;
  }
  return out;
}

std::string json_error_text(const nlohmann::json& value) {
  std::vector<std::string> parts;
  json_parts(value, parts, 0);
  std::string out;
  for (auto& p : parts) {
    if (!out.empty()) out += ": ";
    out += p;
  }
  return out;
}

// Terminal colour and cursor codes (ESC [ parameters final-byte), as coloured log output keeps
// them when copied from a pager or CI log.
std::string strip_ansi(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      size_t j = i + 2;
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';' || s[j] == '?')) ++j;
      if (j < s.size() && s[j] >= '@' && s[j] <= '~') {
        i = j;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// Runs of spaces and tabs as one space: pages and consoles pad messages ("Login  redirect URI").
std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    bool blank = s[i] == ' ' || s[i] == '\t';
    if (blank && !out.empty() && (out.back() == ' ')) continue;
    out += blank ? ' ' : s[i];
  }
  return out;
}

// Whether a text reads as URL-encoded (a query or form value pasted on its own): escapes such
// as %27 or %20 more than once, or words joined by '+' and not a single space.
bool looks_url_encoded(std::string_view s) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  int escapes = 0;
  for (size_t i = 0; i + 2 < s.size(); ++i)
    if (s[i] == '%' && hex(s[i + 1]) && hex(s[i + 2])) ++escapes;
  if (escapes >= 2) return true;
  return s.find(' ') == std::string_view::npos && s.find('+') != std::string_view::npos;
}

std::vector<Segment> normalize(std::string_view input, Params* context) {
  std::vector<Segment> out;
  std::string cleaned = input.find('\x1b') != std::string_view::npos ? strip_ansi(input) : std::string(input);
  if (cleaned.find("  ") != std::string::npos || cleaned.find('\t') != std::string::npos)
    cleaned = collapse_spaces(cleaned);
  std::string_view raw = cleaned;
  std::string plain(raw);
  std::string via = "text";
  if (looks_like_html(plain)) {
    plain = html_to_text(plain);
    via = "html";
  } else if (plain.find('&') != std::string::npos) {
    plain = decode_entities(plain);
  }
  // Text that went through a JSON encoder without being parsed back (\u0027, \").
  bool escaped = plain.find("\\u00") != std::string::npos || plain.find("\\\"") != std::string::npos;

  scan_params(plain, out, context);
  if (plain != raw) scan_params(raw, out, context);

  // A JSON object somewhere in the text: try from each of the first few opening braces, since
  // log prefixes and wrappers may hold braces of their own.
  size_t close = plain.rfind('}');
  size_t open = plain.find('{');
  for (int tries = 0; open != std::string::npos && close != std::string::npos && open < close && tries < 4; ++tries) {
    if (plain.find('"', open) < close) {
      auto doc = try_parse_json(std::string_view(plain).substr(open, close - open + 1));
      if (!doc.is_discarded()) {
        add_segment(out, json_error_text(doc), "json");
        escaped = false;  // the JSON parser already decoded the strings worth matching
        break;
      }
    }
    open = plain.find('{', open + 1);
  }
  if (escaped) plain = unescape_json_text(plain);

  // Unwrap at most one library wrapper, after taking a log line's prefix off.
  std::string message = plain;
  if (std::string_view m = log_message(message); m.size() < message.size()) {
    add_segment(out, std::string(m), "log", true);
    message = std::string(m);
  }
  {
    for (auto& w : wrappers()) {
      std::string_view in(message);
      if (in.find(w.needle) == std::string_view::npos) continue;
      std::string inner;
      re2::StringPiece m[4];
      const RE2& re = w.re();
      int groups = 1 + re.NumberOfCapturingGroups();
      if (!re.Match(in, 0, in.size(), RE2::UNANCHORED, m, groups)) continue;
      re.Rewrite(&inner, w.rewrite, m, groups);
      if (inner.size() >= message.size()) continue;
      add_segment(out, inner, w.via, std::string_view(w.rewrite) == "\\1");
      message = inner;
      break;
    }
  }
  add_segment(out, plain, via);
  // Decoded once, beside the text as given: a bare encoded value has no URL around it for
  // scan_params to find.
  if (looks_url_encoded(plain)) {
    std::string decoded = percent_decode(plain, true);
    if (decoded != plain) add_segment(out, decoded, "url");
  }
  return out;
}

}  // namespace od::diagnose
