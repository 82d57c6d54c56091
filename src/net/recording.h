// Recordings: every exchange of a preflight run, redacted, so `--replay DIR` reproduces the
// report offline. Layout: DIR/recording.json (metadata + exchanges) and DIR/config.yaml.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "net/transport.h"

namespace od {

struct Exchange {
  HttpRequest request;
  HttpResponse response;
};

struct Recording {
  std::string label;        // "recorded from node-oidc-provider 9.13.3", "built from documented behaviour"
  std::string source;       // where the behaviour comes from (a URL, a peer config)
  std::string date;         // the run's "today", so expiry verdicts replay the same
  std::string config_name;  // the config path as the user gave it, shown in the report
  long timeout_ms = 0, deadline_ms = 0;
  std::vector<Exchange> exchanges;
};

// Replaces secrets, codes, tokens, cookies, Authorization values and private JWK members.
Exchange redact_exchange(const HttpRequest& req, const HttpResponse& resp);

Expected<Recording> load_recording(const std::string& dir);
// Writes recording.json and config.yaml (config_text must already be free of secrets).
std::optional<Error> save_recording(const std::string& dir, const Recording& rec, const std::string& config_text);

// Wraps a live transport and keeps a redacted copy of each exchange in `into`.
std::unique_ptr<Transport> make_recording_transport(std::unique_ptr<Transport> inner, Recording& into);
// Answers from a recording, matching on HttpRequest::match_key.
std::unique_ptr<Transport> make_replay_transport(const Recording& rec);

}  // namespace od
