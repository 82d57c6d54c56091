// A pasted error message (diagnose "TEXT"): normalisation, the catalogue's matchers, both outputs.
#include "fuzz.h"

OD_FUZZ_TARGET(diagnose_text) {
  for (const char* format : {"text", "json"}) {
    od::app::DiagnoseOptions o;
    o.text.assign(reinterpret_cast<const char*>(data), size);
    o.format = format;
    o.platform = size % 2 ? "outsystems" : "";
    auto r = od::app::diagnose(o);
    if (!r)
      OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
    else if (o.format == "json")
      for (auto& out : r->outputs) OD_FUZZ_CHECK(od::fuzz::valid_json(out.text));
  }
  return 0;
}
