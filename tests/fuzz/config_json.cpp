// A config file as JSON (read by the same loader from a .json name): the loader (with its imports step), every lint
// rule and every format.
#include "lint_with.h"

OD_FUZZ_TARGET(config_json) {
  od::fuzz::lint_config_text({reinterpret_cast<const char*>(data), size}, "", "oidc-doctor.json");
  return 0;
}
