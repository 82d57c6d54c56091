// A baseline file (--baseline): its reader and the matching against a broken config's findings.
#include "lint_with.h"
#include "rules/policy.h"

OD_FUZZ_TARGET(baseline) {
  auto path = od::fuzz::write_scratch("baseline.json", {reinterpret_cast<const char*>(data), size});
  auto b = od::load_baseline(path);
  if (!b) {
    OD_FUZZ_CHECK(od::fuzz::one_line(b.error().message));
    return 0;
  }
  // The config the OD9003 fixtures' baseline was written for: a literal secret and wildcards.
  od::fuzz::lint_config_text(od::fuzz::small_config("keycloak",
                                                    "client_secret: hunter2-literal-secret\n    "
                                                    "redirect_uris: ['https://*.example.com/*']",
                                                    ""),
                             path);
  return 0;
}
