#include "core/encoding.h"

#include <openssl/evp.h>

#include <cctype>

#include "core/text.h"

namespace od {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool tag_start(std::string_view s, size_t i) {
  if (i + 1 >= s.size() || s[i] != '<') return false;
  char n = s[i + 1];
  return std::isalpha(static_cast<unsigned char>(n)) || n == '!' || n == '?' ||
         (n == '/' && i + 2 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 2])));
}

bool istarts_with(std::string_view s, size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(s[at + k])) != word[k]) return false;
  return true;
}

size_t ifind(std::string_view s, std::string_view word, size_t from) {
  for (size_t i = from; i + word.size() <= s.size(); ++i)
    if (istarts_with(s, i, word)) return i;
  return std::string_view::npos;
}

// Tags after which text starts a new line; the rest become a space.
bool is_block_tag(std::string_view name) {
  static constexpr std::string_view kBlock[] = {
      "br", "p",  "div", "li",      "tr",     "h1",     "h2",   "h3",   "h4", "h5", "h6", "title", "table",
      "ul", "ol", "pre", "section", "header", "footer", "form", "body", "hr", "dt", "dd", "td",    "th"};
  for (auto b : kBlock)
    if (name.size() == b.size() && istarts_with(name, 0, b)) return true;
  return false;
}

std::string collapse_lines(std::string_view text) {
  std::string out;
  size_t pos = 0;
  bool blank_pending = false;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line;
    bool space = false;
    for (char c : text.substr(pos, nl - pos)) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        space = !line.empty();
      } else {
        if (space) line += ' ';
        space = false;
        line += c;
      }
    }
    if (line.empty()) {
      blank_pending = !out.empty();
    } else {
      if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
      blank_pending = false;
      out += line;
    }
    pos = nl + 1;
  }
  return out;
}

}  // namespace

int hex_digit_value(char c) { return hex_value(c); }

std::string percent_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (c == '+' && plus_as_space) ? ' ' : c;
  }
  return out;
}

std::string decode_entities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}, {"#39", "'"}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    // Only the next ten characters can close an entity: a long run of `&` stays linear.
    size_t k = s.substr(i + 1, 10).find(';');
    if (k == std::string_view::npos) {
      out += '&';
      continue;
    }
    size_t semi = i + 1 + k;
    std::string_view name = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (name.size() > 1 && name[0] == '#') {
      unsigned cp = 0;
      bool hex = name[1] == 'x' || name[1] == 'X';
      bool valid = name.size() > (hex ? 2u : 1u);
      for (size_t k = hex ? 2 : 1; k < name.size() && valid; ++k) {
        int d = hex ? hex_value(name[k]) : (std::isdigit(static_cast<unsigned char>(name[k])) ? name[k] - '0' : -1);
        if (d < 0 || cp > 0x10FFFF)
          valid = false;
        else
          cp = cp * (hex ? 16 : 10) + static_cast<unsigned>(d);
      }
      if (valid && cp > 0 && cp < 0x110000) {
        append_utf8(out, cp);
        done = true;
      }
    } else {
      for (auto& [n, v] : kNamed)
        if (name == n) {
          out += v;
          done = true;
          break;
        }
    }
    if (done)
      i = semi;
    else
      out += '&';
  }
  return out;
}

bool looks_like_html(std::string_view s) {
  // A tag start with a `>` anywhere after it: compared with the last `>` once, not searched
  // for again after every `<` (a long line of `<x` and no `>` stays linear).
  size_t last_close = s.rfind('>');
  if (last_close == std::string_view::npos) return false;
  for (size_t i = s.find('<'); i != std::string_view::npos && i < last_close; i = s.find('<', i + 1))
    if (tag_start(s, i)) return true;
  return false;
}

std::string html_to_text(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    if (!tag_start(html, i)) {
      text += html[i++];
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t close = html.find('>', i);
    if (close == std::string_view::npos) {
      text += html.substr(i);
      break;
    }
    size_t name_start = i + 1 + (html[i + 1] == '/' ? 1 : 0);
    size_t name_end = name_start;
    while (name_end < close && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    std::string_view name = html.substr(name_start, name_end - name_start);
    bool closing = html[i + 1] == '/';
    // Scripts and styles are code, not message text.
    if (!closing && (istarts_with(name, 0, "script") || istarts_with(name, 0, "style")) &&
        (name.size() == 6 || name.size() == 5)) {
      std::string end_tag = name.size() == 6 ? "</script" : "</style";
      size_t end = ifind(html, end_tag, close);
      size_t end_close = end == std::string_view::npos ? std::string_view::npos : html.find('>', end);
      i = end_close == std::string_view::npos ? html.size() : end_close + 1;
      text += '\n';
      continue;
    }
    text += is_block_tag(name) ? '\n' : ' ';
    i = close + 1;
  }
  return collapse_lines(decode_entities(text));
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(len));
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out = base64_encode(bytes);
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

namespace {
int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}
}  // namespace

std::optional<std::string> base64_decode_strict(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    if (c == '=') break;
    int v = b64_value(c);
    if (v < 0) return std::nullopt;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  if (bits >= 6) return std::nullopt;  // a single leftover character cannot encode a byte
  return out;
}

std::string base64_decode_lenient(std::string_view in) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    int v = b64_value(c);
    if (v < 0) continue;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

std::string percent_encode(std::string_view s, std::string_view keep, bool plus_for_space, bool lower_hex) {
  const char* hex = lower_hex ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else if (c == ' ' && plus_for_space) {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string form_encode(std::string_view s) { return percent_encode(s, "-._~"); }

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (auto& [k, v] : fields) out += (out.empty() ? "" : "&") + form_encode(k) + "=" + form_encode(v);
  return out;
}

std::string html_escape(std::string_view s, Apostrophe apostrophe) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'':
        out += apostrophe == Apostrophe::Named ? "&apos;" : apostrophe == Apostrophe::Decimal ? "&#39;" : "&#x27;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
        out += c;
    }
  }
  return out;
}

}  // namespace od
