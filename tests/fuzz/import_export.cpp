// An IdP export named by `import:` (Entra, Okta, Keycloak JSON): shape detection, the export
// scanner, the merge into the config and the export rules.
#include "lint_with.h"

OD_FUZZ_TARGET(import_export) {
  od::fuzz::write_scratch("export.json", {reinterpret_cast<const char*>(data), size});
  static const char* kinds[] = {"entra", "okta", "keycloak"};
  od::fuzz::lint_config_text(od::fuzz::small_config(kinds[size % 3], "import: export.json", ""));
  return 0;
}
