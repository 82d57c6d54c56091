// A .NET machine.config named by `proxy: { machine_config: }`: the XML reader, positions,
// bypass lists and the proxy rules.
#include "imports/machine_config.h"
#include "lint_with.h"

OD_FUZZ_TARGET(machine_config) {
  auto path = od::fuzz::write_scratch("machine.config", {reinterpret_cast<const char*>(data), size});
  auto proxy = od::imports::read_machine_config(path, "machine.config", 1);
  if (!proxy) OD_FUZZ_CHECK(od::fuzz::one_line(proxy.error().message));
  od::fuzz::lint_config_text(od::fuzz::small_config("generic", "", "proxy: { machine_config: machine.config }"));
  return 0;
}
