// `inspect-token`: parses options, reads standard input when asked, and hands the rest to
// app::inspect_token. Exit codes as lint.
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <memory>

#include "app/inspect_token.h"
#include "cli/commands.h"
#include "core/files.h"
#include "token/times.h"

namespace od::cli {

namespace {

struct InspectOptions {
  app::InspectTokenOptions app;
  std::string now;
};

int run(InspectOptions o) {
  if (!o.now.empty()) {
    auto t = token::parse_instant(o.now);
    if (!t) return report_error({"--now", "expects a time such as 2026-11-22T10:00:00Z, got " + o.now});
    o.app.now = *t;
  }
  bool from_stdin = o.app.file.empty() && (o.app.token.empty() || o.app.token == "-");
  if (from_stdin && !(o.app.token.empty() && isatty(STDIN_FILENO)))
    o.app.stdin_text = read_capped(std::cin, app::kMaxTokenInput);  // an endless stdin stops at the cap
  auto r = app::inspect_token(o.app);
  if (!r) return report_error(r.error());
  for (auto& note : r->notes) std::cerr << "oidc-doctor: " << note << "\n";
  std::cout << r->output;
  return r->exit_code;
}

}  // namespace

void setup_inspect_token(CLI::App& sub, Action& action) {
  auto o = std::make_shared<InspectOptions>();
  auto& a = o->app;
  sub.add_option("token", a.token, "The token, or text holding one (header, URL, JSON response); - reads stdin");
  sub.add_option("--file", a.file, "Read the token (or text holding it) from this file");
  sub.add_option("--jwks", a.jwks, "Key set to verify the signature: JWKS file, PEM key, or jwks_uri URL");
  sub.add_option("--config", a.config, "Config file: check username claim, audience and issuer against it");
  sub.add_option("--nonce", a.nonce, "The nonce the sign-in request sent; the ID token must carry it");
  sub.add_option("--skew", a.skew, "Seconds of clock difference allowed for exp, nbf and iat")->capture_default_str();
  sub.add_option("--format", a.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub.add_option("--now", o->now, "Evaluate times as of this instant (2026-11-22T10:00:00Z) for reproducible runs");
  action = [o] { return run(*o); };
}

}  // namespace od::cli
