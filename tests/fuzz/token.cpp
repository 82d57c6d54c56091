// inspect-token on pasted text: token finding, JWT decoding, every token rule, both outputs.
#include "app/inspect_token.h"
#include "fuzz.h"

OD_FUZZ_TARGET(token) {
  for (const char* format : {"text", "json"}) {
    od::app::InspectTokenOptions o;
    o.token.assign(reinterpret_cast<const char*>(data), size);
    if (o.token.empty() || o.token == "-") o.stdin_text = o.token;
    o.format = format;
    o.now = 1795000000;  // 2026-11-18
    o.settings_dir = od::fuzz::scratch_dir();
    auto r = od::app::inspect_token(o);
    if (!r) {
      OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
      continue;
    }
    for (auto& n : r->notes) OD_FUZZ_CHECK(od::fuzz::one_line(n));
    if (o.format == std::string("json")) OD_FUZZ_CHECK(od::fuzz::valid_json(r->output));
  }
  return 0;
}
