#include "report/outputs.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "report/html.h"

namespace od {

const std::vector<std::string>& output_formats() {
  static const std::vector<std::string> names = {"text",   "json",   "sarif",   "junit",
                                                 "github", "gitlab", "concise", "html"};
  return names;
}

Expected<std::vector<OutputSpec>> parse_outputs(const std::vector<std::string>& values) {
  const std::vector<std::string>& kFormats = output_formats();
  std::vector<OutputSpec> out;
  int on_stdout = 0;
  for (auto& v : values) {
    OutputSpec spec;
    auto eq = v.find('=');
    spec.format = v.substr(0, eq);
    if (eq != std::string::npos) spec.path = v.substr(eq + 1);
    if (std::find(kFormats.begin(), kFormats.end(), spec.format) == kFormats.end()) {
      std::vector<std::string_view> names(kFormats.begin(), kFormats.end());
      std::string hint = did_you_mean(spec.format, names);
      return Error{"--format", "unknown format `" + spec.format + "`" +
                                   (hint.empty() ? "" : " (did you mean `" + hint + "`?)") +
                                   "; use text, json, sarif, junit, github, gitlab, concise or html"};
    }
    if (eq != std::string::npos && spec.path.empty()) return Error{"--format", "`" + v + "` names no file after ="};
    if (spec.path.empty() && ++on_stdout > 1)
      return Error{"--format", "only one format can go to stdout; give the others a file: --format sarif=out.sarif"};
    out.push_back(spec);
  }
  if (out.empty()) {
    const char* gha = std::getenv("GITHUB_ACTIONS");
    out.push_back({gha && std::string_view(gha) == "true" ? "github" : "text", ""});
  }
  return out;
}

// One line per finding that counts, for editors and grep: file:line:col: severity: message [ID].
std::string render_concise(const ReportContext& ctx) {
  std::string out;
  for (auto& f : ctx.findings) {
    if (f.suppression) continue;
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", f.location.file, std::max(1, f.location.pos.line),
                       std::max(1, f.location.pos.column), severity_name(f.severity), collapse_whitespace(f.message),
                       f.rule->id);
  }
  return out;
}

std::string render(const std::string& format, const ReportContext& ctx) {
  if (format == "concise") return render_concise(ctx);
  if (format == "json") return render_json(ctx.cfg, ctx.findings, ctx.fail_on, ctx.facts, ctx.command);
  if (format == "html") return render_html_report(ctx);
  if (format == "sarif") return render_sarif(ctx);
  if (format == "junit") return render_junit(ctx);
  if (format == "github") return render_github(ctx);
  if (format == "gitlab") return render_gitlab(ctx);
  return render_text(ctx.cfg, ctx.findings, ctx.fail_on, ctx.style, ctx.command);
}

std::string render_html_report(const ReportContext& ctx) {
  return render_html(json_report(ctx.cfg, ctx.findings, ctx.fail_on, ctx.facts, ctx.command));
}

std::string fingerprint(const Finding& f) {
  std::string input = f.location.file + "\n" + f.key;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

int end_column(const std::string& source, Pos pos) {
  if (!pos.known()) return 0;
  size_t start = 0;
  for (int line = 1; line < pos.line && start != std::string::npos; ++line) {
    start = source.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return pos.column + 1;
  size_t eol = source.find('\n', start);
  std::string line = source.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
  size_t col = static_cast<size_t>(pos.column - 1);
  if (col >= line.size()) return pos.column + 1;
  // Up to a comment or the end of the line, without trailing blanks.
  size_t end = line.find(" #", col);
  if (end == std::string::npos) end = line.size();
  while (end > col && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) --end;
  return static_cast<int>(end) + 1;
}

}  // namespace od
