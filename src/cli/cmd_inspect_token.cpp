// `inspect-token`: what a pasted token says and why a platform would refuse it. Prints header
// and claims (never the raw token or its signature); exit codes as lint.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "imports/load.h"
#include "core/redact.h"
#include "token/checks.h"

namespace od::cli {

namespace {

struct InspectOptions {
  std::string token;  // the token or text holding it; "-" = standard input
  std::string file;
  std::string jwks;
  std::string config;
  std::string nonce;
  long long skew = 300;
  std::string format = "text";
  std::string now;
};

constexpr size_t kMaxInput = 1024 * 1024;
constexpr const char* kTimeClaims[] = {"exp", "nbf", "iat", "auth_time"};

Expected<std::string> input_text(const InspectOptions& o, std::string& source) {
  if (!o.file.empty() && !o.token.empty() && o.token != "-")
    return Error{"inspect-token", "give the token as an argument or with --file, not both"};
  if (!o.file.empty()) {
    source = o.file;
    return read_text_file(o.file, kMaxInput);
  }
  if (!o.token.empty() && o.token != "-") {
    source = "the argument";
    return o.token;
  }
  source = "standard input";
  if (o.token.empty() && isatty(STDIN_FILENO))
    return Error{"inspect-token", "no token given: pass it as an argument, - to read standard input, or --file FILE"};
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (text.size() > kMaxInput) return Error{"standard input", "more than 1 MiB; paste only the token or response"};
  return text;
}

Expected<token::KeySet> load_keys(const std::string& where) {
  bool url = where.starts_with("https://") || where.starts_with("http://");
  auto text = url ? token::fetch(where) : read_text_file(where, kMaxInput);
  if (!text) return text.error();
  return token::parse_keys(*text, where);
}

// Claim values are echoed through the shared redaction, so a token nested in a claim is not.
nlohmann::ordered_json shown(const nlohmann::ordered_json& v) {
  if (v.is_string()) return redact(v.get<std::string>());
  if (v.is_array() || v.is_object()) {
    nlohmann::ordered_json out = v.is_array() ? nlohmann::ordered_json::array() : nlohmann::ordered_json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (v.is_array())
        out.push_back(shown(*it));
      else
        out[it.key()] = shown(*it);
    }
    return out;
  }
  return v;
}

std::string one_line(const nlohmann::ordered_json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.size() > 160) s = s.substr(0, 157) + "...";
  return s;
}

std::string_view status_name(const token::Verification* v) {
  if (!v) return "not-checked";
  using S = token::Verification::Status;
  switch (v->status) {
    case S::Verified: return "verified";
    case S::Invalid: return "invalid";
    case S::NoKey: return "unknown-key";
    case S::Unsupported: return "unsupported";
    case S::Unsigned: return "unsigned";
  }
  return "";
}

struct Inspected {
  token::Jwt jwt;
  std::optional<token::Verification> verification;
  std::vector<token::Check> checks;
};

std::string render_text(const std::vector<Inspected>& all, long long now) {
  std::string out;
  int n = 0;
  for (auto& t : all) {
    out += fmt::format("token {} of {}: {}\n", ++n, all.size(), t.jwt.label);
    out += "  header\n";
    for (auto it = t.jwt.header.begin(); it != t.jwt.header.end(); ++it)
      out += fmt::format("    {:<12} {}\n", it.key(), one_line(shown(*it)));
    out += "  claims\n";
    for (auto it = t.jwt.claims.begin(); it != t.jwt.claims.end(); ++it) {
      std::string line = one_line(shown(*it));
      for (auto name : kTimeClaims)
        if (it.key() == name && it->is_number()) {
          long long v = it->get<long long>();
          line += fmt::format("  ({}, {})", token::utc(v), token::relative(v, now));
        }
      out += fmt::format("    {:<12} {}\n", it.key(), line);
    }
    out += "  signature  " + (t.verification ? t.verification->detail : std::string("not checked (no --jwks)")) + "\n";
    if (t.checks.empty()) {
      out += "  no findings\n\n";
      continue;
    }
    out += "  findings\n";
    for (auto& c : t.checks) {
      out += fmt::format("    {:<7} {}  [{}]\n", severity_name(c.severity), c.id, c.category);
      out += "            " + c.message + "\n";
      out += "            fix: " + c.fix + "\n";
      for (size_t i = 0; i < c.predicted_errors.size(); ++i)
        out += (i == 0 ? "            users would see: " : "                             ") + c.predicted_errors[i] + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string render_json(const std::vector<Inspected>& all, long long now, int errors, int warnings, int infos) {
  using J = nlohmann::ordered_json;
  J tokens = J::array();
  for (auto& t : all) {
    J times = J::object();
    for (auto name : kTimeClaims)
      if (auto it = t.jwt.claims.find(name); it != t.jwt.claims.end() && it->is_number()) {
        long long v = it->get<long long>();
        times[name] = {{"utc", token::utc(v)}, {"relative", token::relative(v, now)}};
      }
    J findings = J::array();
    for (auto& c : t.checks)
      findings.push_back({{"check", c.id}, {"severity", severity_name(c.severity)}, {"category", c.category},
                          {"message", c.message}, {"fix", c.fix}, {"predicted_errors", c.predicted_errors}});
    const token::Verification* v = t.verification ? &*t.verification : nullptr;
    tokens.push_back({{"found_in", t.jwt.label},
                      {"header", shown(t.jwt.header)},
                      {"claims", shown(t.jwt.claims)},
                      {"times", times},
                      {"signature", {{"status", status_name(v)}, {"detail", v ? J(v->detail) : J(nullptr)}}},
                      {"findings", findings}});
  }
  J doc{{"schema", 1},
        {"tool", {{"name", "oidc-doctor"}, {"version", OD_VERSION}}},
        {"now", token::utc(now)},
        {"tokens", tokens},
        {"summary", {{"errors", errors}, {"warnings", warnings}, {"info", infos}, {"failed", errors > 0}}}};
  return doc.dump(2) + "\n";
}

int run(const InspectOptions& o) {
  long long now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  if (!o.now.empty()) {
    auto t = token::parse_instant(o.now);
    if (!t) return report_error({"--now", "expects a time such as 2026-11-22T10:00:00Z, got " + o.now});
    now = *t;
  }
  if (o.skew < 0) return report_error({"--skew", "must be zero or more seconds"});
  std::string source;
  auto text = input_text(o, source);
  if (!text) return report_error(text.error());
  auto found = token::find_tokens(*text);
  if (found.empty()) {
    if (token::has_encrypted_token(*text))
      return report_error({source, "holds an encrypted token (JWE, five parts), which only its recipient's private "
                                   "key can open; inspect the ID token or a signed access token instead"});
    return report_error({source, "no JWT found: expected three base64url parts joined by dots (eyJ....eyJ....sig), "
                                 "alone or inside a header, URL or JSON response"});
  }
  std::optional<Config> cfg;
  if (!o.config.empty()) {
    auto loaded = load_config(o.config, {.resolve_secrets = false});
    if (!loaded) return report_error(loaded.error());
    cfg = std::move(*loaded);
  }
  std::optional<token::KeySet> keys;
  if (!o.jwks.empty()) {
    auto loaded = load_keys(o.jwks);
    if (!loaded) return report_error(loaded.error());
    keys = std::move(*loaded);
  }
  std::vector<Inspected> all;
  int errors = 0, warnings = 0, infos = 0;
  for (auto& f : found) {
    auto jwt = token::decode(f);
    if (!jwt) return report_error(jwt.error());
    Inspected t{std::move(*jwt), std::nullopt, {}};
    if (keys) t.verification = token::verify(t.jwt, *keys);
    token::Options opts;
    if (!o.nonce.empty()) opts.nonce = o.nonce;
    opts.skew = o.skew;
    opts.now = now;
    opts.config = cfg ? &*cfg : nullptr;
    opts.verification = t.verification ? &*t.verification : nullptr;
    t.checks = token::check(t.jwt, opts);
    for (auto& c : t.checks) (c.severity == Severity::Error ? errors : c.severity == Severity::Warning ? warnings : infos)++;
    all.push_back(std::move(t));
  }
  if (o.format == "json") {
    std::cout << render_json(all, now, errors, warnings, infos);
  } else {
    std::cout << render_text(all, now)
              << fmt::format("{} error(s), {} warning(s), {} info · {}\n", errors, warnings, infos,
                             errors ? "FAILED" : "passed");
  }
  return errors ? kFindings : kOk;
}

}  // namespace

void setup_inspect_token(CLI::App& sub, Action& action) {
  auto o = std::make_shared<InspectOptions>();
  sub.add_option("token", o->token, "The token, or text holding one (header, URL, JSON response); - reads stdin");
  sub.add_option("--file", o->file, "Read the token (or text holding it) from this file");
  sub.add_option("--jwks", o->jwks, "Key set to verify the signature: JWKS file, PEM key, or jwks_uri URL");
  sub.add_option("--config", o->config, "Config file: check username claim, audience and issuer against it");
  sub.add_option("--nonce", o->nonce, "The nonce the sign-in request sent; the ID token must carry it");
  sub.add_option("--skew", o->skew, "Seconds of clock difference allowed for exp, nbf and iat")->capture_default_str();
  sub.add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub.add_option("--now", o->now, "Evaluate times as of this instant (2026-11-22T10:00:00Z) for reproducible runs");
  action = [o] { return run(*o); };
}

}  // namespace od::cli
