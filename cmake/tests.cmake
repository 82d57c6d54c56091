# Unit and fixture tests run in-process; each doctest test suite is its own CTest entry so
# failures are reported by name.
foreach(suite core config rules report cli diagnose probes)
  add_test(NAME ${suite} COMMAND od-tests --test-suite=${suite} --force-colors=0)
  set_tests_properties(${suite} PROPERTIES ENVIRONMENT
    "OD_TEST_SECRET=Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga;OD_TEST_SECRET_ID=2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b;NO_COLOR=1")
endforeach()
