// Input normalisation: turns what users paste (URLs with error parameters, JSON bodies, HTML
// pages, library wrappers, log lines) into plain texts the catalogue patterns can match, each
// remembering how it was unwrapped. Pure functions; reading files and HAR lives in input.h.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "catalogue/params.h"
#include "core/encoding.h"

#include <nlohmann/json_fwd.hpp>

namespace od::diagnose {

// One text to match. `via` says how it was obtained: "text", "url", "json", "html" or the
// wrapper it was found in ("MSAL.NET", "msal-node", "Java cause", ".NET inner exception" ...).
struct Segment {
  std::string text;
  std::string via;
  // Several input lines kept together on purpose (for patterns that span lines). Other
  // segments are matched line by line, like the input they came from.
  bool joined = false;
  // A piece of the cleaned line itself (log prefix or wrapper taken off): patterns already
  // tried on the whole line need not run again, except those anchored at ^ or $.
  bool part = false;
};

// Request parameters seen next to an error (redirect_uri, client_id, scope ...): they fill
// extracted values the error message itself does not carry.
using Params = catalogue::Params;

// Segments for one line (or block) of input, most specific first: decoded URL error
// parameters, JSON error fields, unwrapped inner messages, then the cleaned line itself.
// Request parameters found on the way are appended to `context`.
std::vector<Segment> normalize(std::string_view raw, Params* context = nullptr);

// Building blocks, exposed for HAR bodies and tests.
std::string unescape_json_text(std::string_view s);  // \u0027, \", \n ... inside non-JSON text

// The error fields of a parsed JSON value ("invalid_client: AADSTS7000215: ..."), or "" when it
// has none. Nested JSON inside string values is parsed too.
std::string json_error_text(const nlohmann::json& value);

// key=value pairs of a query string or form body, decoded.
Params parse_params(std::string_view query);

// Whether `name` is a request parameter worth keeping as context.
bool is_context_param(std::string_view name);

}  // namespace od::diagnose
