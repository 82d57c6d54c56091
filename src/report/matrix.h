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
#include "probes/facts.h"

namespace od {

// Adds `command`, `provider`, `environments`, `checks`, `matrix` and `redirect_uris` to a JSON
// report. `facts` is null for lint (offline): live-only checks are then not applicable.
void add_matrix(nlohmann::ordered_json& doc, const Config& cfg, const std::vector<Finding>& findings,
                const probes::Facts* facts, std::string_view command);

// The check column a finding of this rule belongs to ("proxy", "dns-tcp", "tls", "discovery",
// "issuer", "jwks", "redirect-uri", "client", "secret", "username-claim", "prerequisites"), or
// "" for findings the matrix does not hold (listed apart in the HTML report).
std::string_view check_of_rule(std::string_view rule_id);

}  // namespace od
