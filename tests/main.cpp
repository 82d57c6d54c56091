#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

// Fixtures reference ${env:OD_TEST_SECRET} and ${env:OD_TEST_SECRET_ID}. CTest sets them; this
// gives the same values when od-tests runs on its own, and the spawned binary inherits them.
int main(int argc, char** argv) {
  setenv("OD_TEST_SECRET", "Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga", 0);
  setenv("OD_TEST_SECRET_ID", "2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b", 0);
  return doctest::Context(argc, argv).run();
}
