// diagnose --file on a log, saved page or body: kind detection, line feeding, both outputs.
#include "fuzz.h"

OD_FUZZ_TARGET(diagnose_log) {
  auto path = od::fuzz::write_scratch("sign-in.log", {reinterpret_cast<const char*>(data), size});
  for (const char* format : {"text", "json"}) {
    od::app::DiagnoseOptions o;
    o.file = path;
    o.format = format;
    auto r = od::app::diagnose(o);
    if (!r)
      OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
    else if (o.format == "json")
      for (auto& out : r->outputs) OD_FUZZ_CHECK(od::fuzz::valid_json(out.text));
  }
  return 0;
}
