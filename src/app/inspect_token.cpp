// inspect-token: finds every JWT in the input, establishes the facts about each (signature
// against the given key set, the run's clock, nonce and config), runs the token rules (OD4xxx),
// applies the lint settings' ignores and severity overrides, and renders text or JSON. Prints
// header and claims, never the raw token or its signature.
#include "app/inspect_token.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/json.h"
#include "core/redact.h"
#include "core/text.h"
#include "imports/load.h"
#include "rules/engine.h"
#include "rules/policy.h"
#include "rules/registry.h"
#include "token/times.h"

namespace od::app {

namespace {

using J = nlohmann::ordered_json;

constexpr size_t kMaxInput = kMaxTokenInput;
constexpr const char* kTimeClaims[] = {"exp", "nbf", "iat", "auth_time"};

Expected<std::string> input_text(const InspectTokenOptions& o, std::string& source) {
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
  if (!o.stdin_text)
    return Error{"inspect-token", "no token given: pass it as an argument, - to read standard input, or --file FILE"};
  if (o.stdin_text->size() > kMaxInput)
    return Error{"standard input", "more than 1 MiB; paste only the token or response"};
  return *o.stdin_text;
}

Expected<token::KeySet> load_keys(const std::string& where) {
  bool url = where.starts_with("https://") || where.starts_with("http://");
  auto text = url ? token::fetch(where) : read_text_file(where, kMaxInput);
  if (!text) return text.error();
  return token::parse_keys(*text, where);
}

// Claim values are echoed through the shared redaction, so a token nested in a claim is not, and
// a member whose name says it holds a credential (client_secret, password, api_key ...), at any
// depth, is shown as "[redacted]" whatever its type.
J shown(const J& v) {
  if (v.is_string()) return redact(v.get<std::string>());
  if (v.is_array() || v.is_object()) {
    J out = v.is_array() ? J::array() : J::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (v.is_array())
        out.push_back(shown(*it));
      else
        out[it.key()] = is_secret_claim_name(it.key()) ? J("[redacted]") : shown(*it);
    }
    return out;
  }
  return v;
}

// One member of the header or claims, shown by name.
J shown(const std::string& name, const J& v) { return is_secret_claim_name(name) ? J("[redacted]") : shown(v); }

std::string one_line(const J& v) {
  std::string s = v.is_string() ? v.get<std::string>() : dump_json(v);
  return clip(s, 160);
}

std::string_view status_name(const std::optional<token::Verification>& v) {
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

std::string where(const Suppression& s) {
  return s.where.file + (s.where.pos.line ? ":" + std::to_string(s.where.pos.line) : "");
}

std::string render_text(const TokenReport& r) {
  std::string out;
  int n = 0;
  for (auto& t : r.tokens) {
    auto& jwt = t.facts.jwt;
    // Header and claims come from the token, the signature detail may quote a key set: all of it
    // through printable() so no claim can write to the terminal.
    out += fmt::format("token {} of {}: {}\n", ++n, r.tokens.size(), printable(jwt.label));
    out += "  header\n";
    for (auto it = jwt.header.begin(); it != jwt.header.end(); ++it)
      out += fmt::format("    {:<12} {}\n", printable(it.key()), printable(one_line(shown(it.key(), *it))));
    out += "  claims\n";
    for (auto it = jwt.claims.begin(); it != jwt.claims.end(); ++it) {
      std::string line = printable(one_line(shown(it.key(), *it)));
      for (auto name : kTimeClaims)
        if (it.key() == name && it->is_number()) {
          if (auto v = token::numeric_date(it->get<double>()))
            line += fmt::format("  ({}, {})", token::utc(*v), token::relative(*v, r.now));
          else
            line += "  (not a valid NumericDate: outside years 1-9999)";
        }
      out += fmt::format("    {:<12} {}\n", printable(it.key()), line);
    }
    auto& v = t.facts.verification;
    out += "  signature  " + printable(v ? v->detail : std::string("not checked (no --jwks)")) + "\n";
    if (t.findings.empty()) {
      out += "  no findings\n\n";
      continue;
    }
    out += "  findings\n";
    for (auto& f : t.findings) {
      out +=
          fmt::format("    {:<7} {}  [{}]\n", severity_name(f.severity), token_check_name(*f.rule), f.rule->category);
      out += "            " + printable(f.message) + "\n";
      out += "            fix: " + printable(f.fix) + "\n";
      for (size_t i = 0; i < f.predicted_errors.size(); ++i)
        out += (i == 0 ? "            users would see: " : "                             ") +
               printable(f.predicted_errors[i]) + "\n";
      if (f.suppression)
        out += fmt::format("            suppressed ({}): {} [{}]\n", f.rule->id,
                           f.suppression->reason.empty() ? f.suppression->kind : f.suppression->reason,
                           where(*f.suppression));
    }
    out += "\n";
  }
  out += fmt::format("{} error(s), {} warning(s), {} info{} · {}\n", r.errors, r.warnings, r.infos,
                     r.suppressed ? fmt::format(", {} suppressed", r.suppressed) : "", r.errors ? "FAILED" : "passed");
  return out;
}

std::string render_json(const TokenReport& r) {
  J tokens = J::array();
  for (auto& t : r.tokens) {
    auto& jwt = t.facts.jwt;
    J times = J::object();
    for (auto name : kTimeClaims)
      if (auto it = jwt.claims.find(name); it != jwt.claims.end() && it->is_number()) {
        if (auto v = token::numeric_date(it->get<double>()))
          times[name] = {{"utc", token::utc(*v)}, {"relative", token::relative(*v, r.now)}};
        else
          times[name] = {{"invalid", "not a valid NumericDate: outside years 1-9999"}};
      }
    J findings = J::array();
    for (auto& f : t.findings) {
      J j{{"check", token_check_name(*f.rule)},
          {"severity", severity_name(f.severity)},
          {"category", f.rule->category},
          {"message", f.message},
          {"fix", f.fix},
          {"predicted_errors", f.predicted_errors},
          {"rule", f.rule->id}};
      if (f.suppression)
        j["suppressed"] = {
            {"kind", f.suppression->kind}, {"reason", f.suppression->reason}, {"where", where(*f.suppression)}};
      findings.push_back(std::move(j));
    }
    auto& v = t.facts.verification;
    tokens.push_back({{"found_in", jwt.label},
                      {"header", shown(jwt.header)},
                      {"claims", shown(jwt.claims)},
                      {"times", times},
                      {"signature", {{"status", status_name(v)}, {"detail", v ? J(v->detail) : J(nullptr)}}},
                      {"findings", findings}});
  }
  J summary{{"errors", r.errors}, {"warnings", r.warnings}, {"info", r.infos}, {"failed", r.errors > 0}};
  if (r.suppressed) summary["suppressed"] = r.suppressed;
  J doc{{"schema", 1},
        {"tool", {{"name", "oidc-doctor"}, {"version", OD_VERSION}}},
        {"now", token::utc(r.now)},
        {"tokens", tokens},
        {"summary", summary}};
  return dump_json(doc, 2) + "\n";
}

}  // namespace

std::string_view token_check_name(const RuleInfo& rule) {
  // OD2302 had the name first; inspect-token's JSON keeps the one it always printed.
  if (rule.id == "OD4602") return "username-claim-absent";
  return rule.name;
}

Expected<TokenReport> inspect_token(const InspectTokenOptions& o) {
  if (o.format != "text" && o.format != "json") return Error{"--format", "must be text or json, got " + o.format};
  TokenReport r;
  r.now = o.now ? *o.now
                : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                      .count();
  if (o.skew < 0) return Error{"--skew", "must be zero or more seconds"};
  std::string source;
  auto text = input_text(o, source);
  if (!text) return text.error();
  auto found = token::find_tokens(*text);
  if (found.empty()) {
    if (token::has_encrypted_token(*text))
      return Error{source,
                   "holds an encrypted token (JWE, five parts), which only its recipient's private key can "
                   "open; inspect the ID token or a signed access token instead"};
    return Error{source,
                 "no JWT found: expected three base64url parts joined by dots (eyJ....eyJ....sig), alone or "
                 "inside a header, URL or JSON response"};
  }
  std::shared_ptr<Config> cfg;
  if (!o.config.empty()) {
    auto loaded = load_config(o.config, {.resolve_secrets = false});
    if (!loaded) return loaded.error();
    cfg = std::make_shared<Config>(std::move(*loaded));
  }
  std::optional<token::KeySet> keys;
  if (!o.jwks.empty()) {
    auto loaded = load_keys(o.jwks);
    if (!loaded) return loaded.error();
    keys = std::move(*loaded);
  }

  // Settings: the config's own `lint:` section, else the nearest .oidc-doctor.yaml.
  std::optional<LintSection> discovered;
  const LintSection* settings = cfg && cfg->lint ? &*cfg->lint : nullptr;
  if (!settings)
    if (auto path = discover_settings(o.settings_dir); !path.empty()) {
      auto s = load_settings(path);
      if (!s) return s.error();
      discovered = std::move(*s);
      settings = &*discovered;
    }

  std::optional<Context> ctx;
  if (cfg) ctx.emplace(Context{*cfg, platform_for(cfg->platform), Date{static_cast<int>(r.now / 86400)}});
  for (auto& f : found) {
    auto jwt = token::decode(f);
    if (!jwt) return jwt.error();
    InspectedToken t{token::establish(std::move(*jwt),
                                      {.keys = keys ? &*keys : nullptr,
                                       .nonce = o.nonce.empty() ? std::nullopt : std::optional<std::string>(o.nonce),
                                       .skew = o.skew,
                                       .now = r.now,
                                       .config = cfg.get()}),
                     {}};
    t.findings = run_token_rules({ctx ? &*ctx : nullptr, t.facts});
    if (settings) {
      auto problems = apply_settings(*settings, t.findings);
      if (r.tokens.empty())
        for (auto& p : problems)
          r.notes.push_back(fmt::format("{}:{}:{}: {}", settings->file, p.pos.line, p.pos.column, p.message));
    }
    for (auto& fd : t.findings) {
      if (fd.suppression) {
        ++r.suppressed;
        continue;
      }
      (fd.severity == Severity::Error ? r.errors : fd.severity == Severity::Warning ? r.warnings : r.infos)++;
    }
    r.tokens.push_back(std::move(t));
  }
  r.config = cfg;
  r.output = o.format == "json" ? render_json(r) : render_text(r);
  r.exit_code = r.errors ? kFindings : kOk;
  return r;
}

}  // namespace od::app
