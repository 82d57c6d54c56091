// The environment x check matrix and the redirect URI grid: which check passed, failed, warned,
// was never reached or does not apply, per environment, in the order a sign-in travels. Built
// from the findings (and, after preflight, from the probe facts, which tell "passed" from "never
// sent"); the JSON report carries it (`environments`, `checks`, `matrix`, `redirect_uris`) and the
// HTML report draws it from that JSON, so both always say the same.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "config/model.h"
#include "findings/finding.h"
#include "platforms/platform.h"
#include "probes/facts.h"
#include "providers/provider.h"

namespace od {

// Adds `command`, `provider`, `environments`, `checks`, `matrix` and `redirect_uris` to a JSON
// report. `facts` is null for lint (offline): live-only checks are then not applicable.
void add_matrix(nlohmann::ordered_json& doc, const Config& cfg, const std::vector<Finding>& findings,
                const probes::Facts* facts, std::string_view command);

// One URI of a client's redirect URI grid: what the platform sends, against what the config (or
// the export it imports) says is registered, and the provider list it belongs in.
struct UriRow {
  std::string uri;
  std::string state;  // registered | missing | near-miss | unexpected (registered, never sent)
  std::string environment, purpose;
  std::string registered_as, difference;     // near miss: the registered value and how it differs
  const providers::UriList* list = nullptr;  // where the URI goes at this provider
  std::string registered_under;              // Entra export: the platform it is registered under today
};
// `registered`: the client's redirect_uris (or logout_uris for `sign_out`); absent = every URI missing.
// `confidential`: the platform redeems this client's codes with a secret (Platform::is_confidential).
std::vector<UriRow> uri_rows(const Client& c, const std::vector<ExpectedUri>& expected,
                             const std::optional<LList>& registered, bool sign_out, bool confidential);

// The check column a finding of this rule belongs to ("proxy", "dns-tcp", "tls", "discovery",
// "issuer", "jwks", "redirect-uri", "client", "secret", "username-claim", "prerequisites"), or
// "" for findings the matrix does not hold (listed apart in the HTML report).
std::string_view check_of_rule(std::string_view rule_id);

}  // namespace od
