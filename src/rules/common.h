// Helpers several rules share. Rule files include only this.
#pragma once
#include <fmt/format.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/uri.h"
#include "core/version.h"
#include "platforms/platform.h"
#include "providers/provider.h"
#include "rules/rule.h"

namespace od::rules {

// How one expected URI stands against what the client has registered.
struct UriCheck {
  ExpectedUri expected;
  enum class State { Registered, NearMiss, Missing } state;
  const LStr* near = nullptr;      // the registered item that almost matches
  std::vector<std::string> diffs;  // how it differs
};
std::vector<UriCheck> compare_uris(const std::vector<ExpectedUri>& expected, const LList& registered);

// Calls f once per distinct metadata_url (OutSystems clients share the provider's).
void for_each_metadata_url(const Config& cfg, const std::function<void(const LStr&, const Client&)>& f);

std::string where_env(const std::string& env);  // "environment `qa`: " or ""
std::string days_phrase(int days);              // "in 3 days", "today", "12 days ago"

}  // namespace od::rules
