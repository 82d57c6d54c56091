// inspect-token as an application function: what a pasted token says and why a platform would
// refuse it. The CLI reads standard input (when asked) and passes the options; the tests call
// this directly.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "token/facts.h"

namespace od::app {

// The most inspect-token reads of a file or of standard input.
constexpr size_t kMaxTokenInput = 1024 * 1024;

struct InspectTokenOptions {
  std::string token;                      // the token or text holding it; "" or "-" = stdin_text
  std::string file;                       // read the token (or text holding it) from this file
  std::optional<std::string> stdin_text;  // what standard input held, when the CLI read it
  std::string jwks;                       // JWKS file, PEM key or jwks_uri URL
  std::string config;                     // --config
  std::string nonce;
  long long skew = 300;
  std::string format = "text";     // text or json
  std::optional<long long> now;    // unix seconds; none = the real time
  std::string settings_dir = ".";  // where .oidc-doctor.yaml is looked for without --config's lint:
};

struct InspectedToken {
  token::TokenFacts facts;
  std::vector<Finding> findings;  // rule order; suppressed ones marked
};

struct TokenReport {
  std::shared_ptr<const Config> config;  // --config; facts point into it
  long long now = 0;
  std::vector<InspectedToken> tokens;
  std::string output;              // rendered in the requested format, for stdout
  std::vector<std::string> notes;  // one line each, for stderr
  int errors = 0, warnings = 0, infos = 0, suppressed = 0;
  int exit_code = kOk;  // kFindings when a (not suppressed) finding is an error
};

Expected<TokenReport> inspect_token(const InspectTokenOptions& o);

// The `check` name inspect-token's JSON has always given a finding: the rule's name, except
// where that name was already taken by an offline rule.
std::string_view token_check_name(const RuleInfo& rule);

}  // namespace od::app
