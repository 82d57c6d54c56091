// Encodings met at the edges: base64 and base64url (JWTs, Basic auth, PKCE), percent and form
// encoding (URLs, token requests), HTML entities and pages (error pages pasted or fetched).
// One implementation of each; every layer above uses these.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace od {

int hex_digit_value(char c);  // 0-15, or -1

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding
// Either alphabet, padding optional; nullopt on any other character or a dangling bit group.
std::optional<std::string> base64_decode_strict(std::string_view in);
// Either alphabet; skips anything else (whitespace, line breaks of wrapped pastes).
std::string base64_decode_lenient(std::string_view in);

std::string percent_decode(std::string_view s, bool plus_as_space);
// Percent-encoding: letters, digits and `keep` stay as they are, a space becomes '+' when
// `plus_for_space`, every other byte %XX (lower-case hex digits when `lower_hex`).
std::string percent_encode(std::string_view s, std::string_view keep, bool plus_for_space = false,
                           bool lower_hex = false);
// application/x-www-form-urlencoded, unreserved characters kept as they are.
std::string form_encode(std::string_view s);
std::string form(const std::vector<std::pair<std::string, std::string>>& fields);

std::string decode_entities(std::string_view s);
// Text made safe inside HTML or XML element content and quoted attribute values: & < > " ' become
// entities, and C0 control characters other than tab and line feed are dropped (XML 1.0 allows none).
// The apostrophe is written &apos; unless asked otherwise (pages also write &#39; or &#x27;).
enum class Apostrophe { Named, Decimal, Hex };
std::string html_escape(std::string_view s, Apostrophe apostrophe = Apostrophe::Named);
bool looks_like_html(std::string_view s);
// Visible text of a page: tags, scripts, styles and comments dropped, entities decoded, block
// elements on lines of their own.
std::string html_to_text(std::string_view html);

}  // namespace od
