// The error catalogue (rules/catalogue/*.yaml), compiled into the binary at build time by
// src/tools/catalogue_gen.cpp. The one place that knows how each IdP and platform words its errors.
#pragma once
#include <span>
#include <string_view>
#include <vector>

namespace od::catalogue {

struct Extractor {
  std::string_view name;
  std::string_view pattern;  // RE2, one capture group
};

struct Entry {
  std::string_view provider;  // file stem: entra, okta, outsystems, generic ...
  std::string_view code;
  std::string_view category;
  std::string_view title;
  std::string_view wording;
  std::string_view meaning;
  std::string_view reference;
  std::span<const std::string_view> patterns;
  std::span<const Extractor> extractors;
  std::span<const std::string_view> causes;
  std::span<const std::string_view> fix;
  // The one join key between rules and errors. `rules`: rules that catch the same condition this
  // error reports; `caused_by`: rules whose condition causes this error. Checked at build time.
  std::span<const std::string_view> rules;
  std::span<const std::string_view> caused_by;
};

// One link of the rule index: an entry naming the rule in `rules` (same) or in `caused_by`.
struct RuleLink {
  const Entry* entry = nullptr;
  bool same = false;
};

struct Family {
  std::string_view provider;
  std::string_view pattern;    // RE2; group 1 fills {1}
  std::string_view code;       // e.g. AADSTS{1}
  std::string_view reference;  // may contain {1}
};

struct Prediction {
  std::string_view provider;
  std::string_view category;
  std::string_view code;
};

struct ProviderFile {
  std::string_view provider;
  std::string_view display;
};

std::span<const Entry> entries();
std::span<const Family> families();
std::span<const Prediction> predictions();
std::span<const ProviderFile> providers();
// The required literals (anchors.h) of every pattern, computed at build time: the entries'
// patterns in catalogue order, then the families' patterns. Empty for a pattern without one.
std::span<const std::span<const std::string_view>> pattern_literals();

const Entry* find(std::string_view code);
std::string_view display_name(std::string_view provider);
// The `predicts:` fallback: the entries a provider file names for a category.
std::vector<const Entry*> predicted(std::string_view provider, std::string_view category);
// The index rule id -> entries: same-condition links first, then the errors the rule causes,
// each group in catalogue order.
std::vector<RuleLink> linked(std::string_view rule_id);

}  // namespace od::catalogue
