// diagnose --file on a log, saved page or body: kind detection, line feeding, both outputs.
#include "fuzz.h"

OD_FUZZ_TARGET(diagnose_log) {
  od::fuzz::diagnose_file("sign-in.log", {reinterpret_cast<const char*>(data), size});
  return 0;
}
