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
  std::span<const std::string_view> rules;
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

const Entry* find(std::string_view code);
std::string_view display_name(std::string_view provider);
// "AADSTS50011: The redirect URI '{redirect_uri}' ..." for each entry the provider predicts.
std::vector<const Entry*> predicted(std::string_view provider, std::string_view category);

}  // namespace od::catalogue
