// A config file as YAML: the loader (with its imports step), every lint rule and every format.
#include "lint_with.h"

OD_FUZZ_TARGET(config_yaml) {
  od::fuzz::lint_config_text({reinterpret_cast<const char*>(data), size});
  return 0;
}
