#pragma once
#include <span>
#include <string>
#include <string_view>

namespace od {

size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance that scales with length, or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
// Appends code point `cp` (below 0x110000) to `out` as UTF-8; decoders of \u escapes use it.
void append_utf8(std::string& out, unsigned cp);
// Text from outside (IdP bodies, token claims, config values, pasted logs) made safe to print on
// a terminal: C0 control characters other than tab (ESC, BEL, CR, LF, ...), DEL and the C1
// controls (U+0080-U+009F, such as the one-byte CSI) are shown as \x1b / \u009b, so no input can
// move the cursor, clear the screen or draw lines of its own. Everything else is unchanged.
std::string printable(std::string_view s);
// `s` cut to at most `max_bytes` bytes with `ellipsis` at the end when it was longer. The cut
// falls on a character boundary (never inside a UTF-8 sequence), so an excerpt of a valid page
// stays valid UTF-8.
std::string clip(std::string_view s, size_t max_bytes, std::string_view ellipsis = "...");
// The largest offset <= `at` that does not fall inside a UTF-8 sequence of `s`.
size_t utf8_boundary(std::string_view s, size_t at);
// `s` with every byte that is not part of a well-formed UTF-8 sequence (Latin-1, binary, a
// sequence cut short, an overlong form or surrogate) replaced by U+FFFD, for formats that must
// be UTF-8 (XML); JSON output gets the same from dump_json.
std::string valid_utf8(std::string_view s);
// Runs of spaces, tabs and line breaks become one space; none at either end.
std::string collapse_whitespace(std::string_view s);
std::string join(std::span<const std::string> parts, std::string_view sep);
// One POSIX shell word: as is when it holds only safe characters, else in single quotes.
std::string shell_quote(std::string_view s);
// 8-4-4-4-12 hexadecimal digits (Entra object and tenant ids, Posit content GUIDs).
bool looks_like_guid(std::string_view s);
// "email", "DOMAIN\\name", "GUID" or "plain name": the shape of a username or claim value.
std::string_view username_form(std::string_view value);

}  // namespace od
