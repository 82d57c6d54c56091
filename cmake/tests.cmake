# Unit and fixture tests run in-process; each doctest test suite is its own CTest entry so
# failures are reported by name. `probes` is preflight offline (unit tests on scripted answers
# and hand-made facts, and the recordings replayed); `probes-live` talks to the peers below.
foreach(suite core config rules report cli diagnose probes probes-live imports token roundtrip providers hardening)
  add_test(NAME ${suite} COMMAND od-tests --test-suite=${suite} --force-colors=0)
  set_tests_properties(${suite} PROPERTIES ENVIRONMENT
    "OD_TEST_SECRET=Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga;OD_TEST_SECRET_ID=2b6e3f0a-1c4d-4e5f-8a9b-0c1d2e3f4a5b;NO_COLOR=1")
endforeach()

# preflight's integration tests talk to real loopback peers (node-oidc-provider, tinyproxy, a
# test PKI and, as root, a network namespace), started once around the `probes-live` suite.
set(OD_PEERS_STATE ${CMAKE_BINARY_DIR}/peers-state)
add_test(NAME probes-peers-start COMMAND ${CMAKE_SOURCE_DIR}/tests/peers/harness.sh start ${OD_PEERS_STATE})
add_test(NAME probes-peers-stop COMMAND ${CMAKE_SOURCE_DIR}/tests/peers/harness.sh stop ${OD_PEERS_STATE})
set_tests_properties(probes-peers-start PROPERTIES FIXTURES_SETUP probes-peers TIMEOUT 120)
set_tests_properties(probes-peers-stop PROPERTIES FIXTURES_CLEANUP probes-peers)
set_tests_properties(probes-live PROPERTIES FIXTURES_REQUIRED probes-peers
                     ENVIRONMENT_MODIFICATION "OD_PEERS_DIR=set:${OD_PEERS_STATE}")

# The loopback peers themselves (node-oidc-provider, HTTP/2, tinyproxy, LemonLDAP::NG, squid in
# three modes, oauth2-mock-server): started, checked and stopped in their own state dir. A peer
# whose Debian/npm package is missing is reported as SKIP, not as a failure.
add_test(NAME peers-selftest COMMAND ${CMAKE_SOURCE_DIR}/tests/peers/selftest.sh)
set_tests_properties(peers-selftest PROPERTIES TIMEOUT 180)

# The tree passes its own .clang-format (tests/format.sh names any file that does not).
add_test(NAME format COMMAND ${CMAKE_SOURCE_DIR}/tests/format.sh)

# The HTML report in a real headless Chromium (Debian's chromium, driven by playwright-core from
# tests/browser): the matrix equals the JSON cell for cell, no console error, no request leaves the
# file; one screenshot per example under build/browser. Starts the demo's node-oidc-provider itself.
add_test(NAME browser COMMAND node ${CMAKE_SOURCE_DIR}/tests/browser/report.mjs $<TARGET_FILE:oidc-doctor>
                              ${CMAKE_BINARY_DIR}/browser)
set_tests_properties(browser PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77 ENVIRONMENT "NO_COLOR=1")

# The hostile-IdP suite: tests/hostile/server.py plays slow, endless, huge, redirecting, echoing
# and broken-TLS IdPs on loopback; run.py checks each preflight ends in time with a finding, in
# bounded memory, and leaks the secret nowhere. As root it runs in its own network namespace (public
# to private redirects); otherwise that part is skipped and said so.
add_test(NAME hostile COMMAND python3 ${CMAKE_SOURCE_DIR}/tests/hostile/run.py $<TARGET_FILE:oidc-doctor>)
set_tests_properties(hostile PROPERTIES TIMEOUT 120)

# The suites that need no loopback peer: `make test` runs them again in the sanitizer build
# (build-asan, `ctest -L offline`), along with the fuzz smoke (cmake/fuzz.cmake).
set_tests_properties(core config rules report cli diagnose probes imports token roundtrip providers hardening
                     PROPERTIES LABELS offline)

# Bad input through the real CLI (tests/badinput.sh): empty, FIFO, device, directory, huge,
# NUL bytes, billion laughs, BOMs, deep nesting, invalid UTF-8 ... for every command that reads a
# file; each run bounded by timeout and ulimit -v (so not in the sanitizer build, whose shadow
# memory does not fit under a ulimit).
add_test(NAME badinput COMMAND ${CMAKE_SOURCE_DIR}/tests/badinput.sh $<TARGET_FILE:oidc-doctor>)
set_tests_properties(badinput PROPERTIES TIMEOUT 600)
