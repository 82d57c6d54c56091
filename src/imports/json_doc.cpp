#include "imports/json_doc.h"

#include <algorithm>

#include "core/json.h"
#include "core/text.h"

namespace od::imports {

namespace {

// Walks text nlohmann has already accepted, so it only has to find where things start.
class Scanner {
 public:
  Scanner(std::string_view text, JsonDoc& doc) : t_(text), doc_(doc) {
    if (t_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // UTF-8 BOM, as Windows tools write it
    for (size_t k = 0; k < t_.size(); ++k)
      if (t_[k] == '\n') line_starts_.push_back(k + 1);
  }
  void run() { value(""); }

 private:
  Pos here() const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), i_);
    size_t line = static_cast<size_t>(it - line_starts_.begin());  // line_starts_[0] == 0
    return {static_cast<int>(line), static_cast<int>(i_ - line_starts_[line - 1] + 1)};
  }
  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }
  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4 && i_ < t_.size(); ++k, ++i_) {
      char c = t_[i_];
      v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  }
  // Decodes a string starting at its opening quote; member names need their real spelling.
  std::string string() {
    std::string out;
    ++i_;
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] != '\\') {
        out += t_[i_++];
        continue;
      }
      ++i_;
      char e = i_ < t_.size() ? t_[i_++] : '"';
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && t_.substr(i_, 2) == "\\u") {
            i_ += 2;
            unsigned lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += e;
      }
    }
    ++i_;
    return out;
  }
  void value(const std::string& ptr) {
    ws();
    doc_.values[ptr] = here();
    if (i_ >= t_.size()) return;
    char c = t_[i_];
    if (c == '{') {
      ++i_;
      for (ws(); i_ < t_.size() && t_[i_] != '}'; ws()) {
        if (t_[i_] == ',') {
          ++i_;
          continue;
        }
        Pos kp = here();
        std::string key = string();
        std::string sub = child(ptr, key);
        doc_.keys[sub] = kp;
        ws();
        ++i_;  // ':'
        value(sub);
      }
      ++i_;
    } else if (c == '[') {
      ++i_;
      size_t n = 0;
      for (ws(); i_ < t_.size() && t_[i_] != ']'; ws()) {
        if (t_[i_] == ',') {
          ++i_;
          continue;
        }
        value(child(ptr, n++));
      }
      ++i_;
    } else if (c == '"') {
      string();
    } else {
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' && t_[i_] != ' ' && t_[i_] != '\n' &&
             t_[i_] != '\r' && t_[i_] != '\t')
        ++i_;
    }
  }

  std::string_view t_;
  JsonDoc& doc_;
  size_t i_ = 0;
  std::vector<size_t> line_starts_{0};
};

}  // namespace

Pos JsonDoc::value_pos(const std::string& pointer) const {
  auto it = values.find(pointer);
  return it == values.end() ? Pos{} : it->second;
}

Pos JsonDoc::key_pos(const std::string& pointer) const {
  auto it = keys.find(pointer);
  return it == keys.end() ? value_pos(pointer) : it->second;
}

std::string child(const std::string& pointer, std::string_view token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string child(const std::string& pointer, size_t index) { return pointer + "/" + std::to_string(index); }

LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
  starts_.push_back(0);
  for (size_t k = text.find('\n'); k != std::string_view::npos; k = text.find('\n', k + 1)) starts_.push_back(k + 1);
}

Pos LineIndex::at(size_t offset) const {
  offset = std::min(offset, size_);
  // The last line start at or before `offset` (a newline belongs to the line it ends).
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());
  return Pos{static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
}

Expected<JsonDoc> parse_json(std::string_view text, const std::string& display) {
  JsonDoc doc;
  auto parsed = od::parse_json(text, display);
  if (!parsed) return parsed.error();
  doc.root = std::move(parsed.value());
  Scanner(text, doc).run();
  return doc;
}

}  // namespace od::imports
