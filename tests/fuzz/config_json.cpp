// A config file as JSON (read by the same loader from a .json name): the loader (with its imports step), every lint
// rule and every format.
#include "fuzz.h"

OD_FUZZ_TARGET(config_json) {
  od::app::LintOptions o;
  o.config = od::fuzz::write_scratch("oidc-doctor.json", {reinterpret_cast<const char*>(data), size});
  o.resolve_secrets = false;
  o.today = od::Date::parse("2026-11-22");
  o.report.formats = od::fuzz::every_format(size);
  o.report.settings_dir = od::fuzz::scratch_dir();
  auto r = od::app::lint(o);
  if (!r)
    OD_FUZZ_CHECK(od::fuzz::one_line(r.error().message));
  else
    od::fuzz::check_report(*r);
  return 0;
}
