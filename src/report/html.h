// The HTML report: one self-contained page (inline CSS and script, no request to any other
// origin, a Content-Security-Policy that forbids them) drawn from the JSON report, so a saved
// JSON result (`oidc-doctor report RESULT.json --format html`) gives the same page as the run.
// It shows the environment x check matrix, the redirect URI grid and the sign-in flow with the
// failing hop marked per environment. Every string from the document is redacted and escaped.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace od {

// From a lint or preflight JSON report (schema 1). A document without the matrix fields (an
// older oidc-doctor) still gives a page: the findings, without matrix and grid.
std::string render_html(const nlohmann::ordered_json& report);

// From a diagnose JSON report: the sign-in flow with the hop each diagnosed error belongs to,
// and the config pointers when diagnose was given --config.
std::string render_diagnose_html(const nlohmann::ordered_json& diagnosis);

// The sign-in hop an error category belongs to ("metadata", "authorize", "callback", "token",
// "claims", "session", "platform"), or "" when it belongs to none in particular.
std::string_view hop_of_category(std::string_view category);

}  // namespace od
