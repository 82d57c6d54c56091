// A rule is a small unit found by its ID: its table row (id, name, severity, category, fix)
// sits next to its check function in src/rules/<ID>_<name>.cpp, its doc in rules/<ID>.md and
// its fixtures in fixtures/rules/<ID>/.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.h"
#include "core/date.h"
#include "platforms/platform.h"

namespace od {

enum class Severity { Info = 0, Warning = 1, Error = 2 };
std::string_view severity_name(Severity s);

struct Location {
  std::string file;
  Pos pos;
};

struct Rule;

// Why a finding does not count: it stays in every report, marked, never silently dropped.
struct Suppression {
  std::string kind;    // "inline" (a comment in the config), "config" (lint.ignore), "baseline"
  std::string reason;  // may be empty
  Location where;      // the comment, the ignore entry or the baseline file
};

struct Finding {
  const Rule* rule = nullptr;
  Severity severity = Severity::Error;
  std::string message;
  std::string fix;          // specific fix; empty = the rule's generic fix
  std::string environment;  // may be empty
  std::string client;       // client id ("web_client", "integration:X"), may be empty
  std::string provider_kind;
  Location location;
  std::vector<std::string> predicted_errors;
  std::string key;  // logical identity (no line numbers): for baselines and dedup
  std::optional<Suppression> suppression;
};

struct Context {
  const Config& config;
  const Platform& platform;
  Date today;
};

// Optional details of a report: which environment and client, a specific fix, and the
// logical key that identifies the finding without line numbers.
struct Extra {
  std::string environment;
  const Client* client = nullptr;
  std::string fix;
  std::string key;
  std::string redirect_uri;  // fills {redirect_uri} in predicted error wordings
};

// What a check reports through. The runner fills in rule, severity, file and predictions.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void report(Pos where, std::string message, Extra extra = {}) = 0;
};

struct Rule {
  std::string_view id;
  std::string_view name;
  Severity severity;
  std::string_view category;
  std::string_view summary;  // one line, for `rules` and SARIF shortDescription
  std::string_view fix;      // generic fix
  // Offline check; nullptr for probe rules, whose findings come from `preflight`.
  void (*check)(const Context&, Sink&);
};

}  // namespace od
