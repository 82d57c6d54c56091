// The diagnosis engine: takes units of input (a line, a JSON block, a HAR entry), matches the
// catalogue, breaks ties between entries that claim the same text, and aggregates repeated
// errors into one diagnosis each.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalogue/catalogue.h"
#include "diagnose/normalize.h"

namespace od::diagnose {

struct Options {
  // The platform the user runs ("outsystems", "posit-connect", "generic" or empty when unknown).
  // Platform interpretations of bare HTTP statuses only apply when it is known.
  std::string platform;
};

// Where a unit came from.
struct Origin {
  int line = 0;        // 1-based line of the input; 0 when the input is not line-based
  int har_entry = -1;  // 0-based index into log.entries of a HAR file
  std::string url;     // HAR request URL (raw; redacted when printed)
  int status = 0;      // HAR response status
  // The input lines around the unit (not owned; valid during the call): where the code an entry
  // matched on its own line may sit ("Error Code: invalid_request" above the description).
  std::string_view context;
};

struct HarRef {
  int index = 0;
  std::string url;  // redacted
  int status = 0;
};

struct ConfigItem {
  std::string environment;
  std::string client;
  std::string message;
  std::string location;  // file:line:column, empty when unknown
  std::string rule;      // lint rule ID when the item is a finding
};

struct Diagnosis {
  const catalogue::Entry* entry = nullptr;    // null for an uncatalogued family code
  const catalogue::Family* family = nullptr;  // set for an uncatalogued family code
  std::string code, provider, category, title, reference;
  std::string error;     // the code as emitted in the text (AADSTS70001, invalid_client, 400): see emitted.h
  int tier = 0;          // tie-break rank, higher wins (see engine.cpp)
  std::string evidence;  // redacted excerpt of the first occurrence
  std::string via;       // how the first occurrence was unwrapped ("url", "json", "MSAL.NET" ...)
  uint64_t count = 0;    // units (lines, HAR entries) it occurred in
  int first_line = 0, last_line = 0;
  std::vector<HarRef> har;
  std::vector<std::pair<std::string, std::vector<std::string>>> extracted;  // distinct, redacted
  std::vector<ConfigItem> config;
  // The provider's own entries for the same error, folded into this platform diagnosis (the
  // platform's reading first, then theirs): their causes and fix steps follow this entry's.
  std::vector<const catalogue::Entry*> folded;

  // The catalogue's causes and fix steps, or generic ones for an uncatalogued code.
  std::vector<std::string> causes() const;
  std::vector<std::string> fix() const;
  std::string meaning() const;
  // Rules linked to the entry: the ones that catch the same condition, then the ones whose
  // condition causes this error (same_rules() + caused_by()).
  std::vector<std::string> rules() const;
  std::vector<std::string> same_rules() const;
  std::vector<std::string> caused_by() const;

  // Ordering: when it first occurred, and how much text it matched then (ties within a unit).
  uint64_t first_unit = 0;
  size_t first_length = 0;
};

struct Result {
  std::vector<Diagnosis> diagnoses;
  uint64_t bytes = 0;
  uint64_t lines = 0;
  bool recognized() const { return !diagnoses.empty(); }
};

class Diagnoser {
 public:
  explicit Diagnoser(Options options = {});

  // A raw line (or block) of text: normalised, matched, aggregated. `around` holds the lines
  // around it when a pattern written to span lines may match there.
  void add_text(std::string_view raw, const Origin& origin, std::string_view around = {});
  // Prepared segments (HAR entries, JSON documents) with request parameters seen around them.
  void add_segments(const std::vector<Segment>& segments, const Params& context, const Origin& origin);

  // Sorted diagnoses, most specific first.
  Result finish();

 private:
  Options options_;
  std::vector<Diagnosis> diagnoses_;
  std::unordered_map<std::string, size_t> index_;
  uint64_t units_ = 0;
};

// Provider tier used by the tie-break; exposed for tests.
int provider_tier(std::string_view provider, std::string_view platform);

}  // namespace od::diagnose
