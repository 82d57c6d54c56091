// diagnose --file on a HAR file: the entry walk, bodies, headers, both outputs.
#include "fuzz.h"

OD_FUZZ_TARGET(diagnose_har) {
  od::fuzz::diagnose_file("sign-in.har", {reinterpret_cast<const char*>(data), size});
  return 0;
}
