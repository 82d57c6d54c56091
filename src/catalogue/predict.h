// The errors a finding predicts, worded as the IdP or platform prints them. The rule ID is the
// join key: per catalogue file, only entries that link the rule are quoted (the category's
// `predicts:` entry among them if it is one, else the `rules:` links, else the `caused_by:`
// ones); the category's `predicts:` entry is the fallback for a file that links nothing to it.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace od::catalogue {

// A catalogue wording with its {placeholders} filled where the value is known, and an ellipsis
// where it is not. Other braces (JSON samples) stay text.
std::string fill(std::string_view wording, const std::map<std::string, std::string>& values);

// "AADSTS50011: The redirect URI 'https://…' specified in the request does not match …" for a
// finding of `rule_id` (category `category`) on `platform` with an IdP of kind `provider`: the
// platform's symptom first, then the IdP's message, each introduced by the code users search
// for or, for uncoded messages, the file's display name.
std::vector<std::string> predict(std::string_view platform, std::string_view provider, std::string_view rule_id,
                                 std::string_view category, const std::map<std::string, std::string>& values);

}  // namespace od::catalogue
