# Fuzz targets (tests/fuzz/<target>.cpp, one entry point each that reads outside input).
# - Every build: seed corpora and the dictionary (tests/fuzz/make_seeds.py, into fuzz/).
# - The ordinary build: od-fuzz-replay, all targets in one binary without libFuzzer, which
#   `ctest` runs on each target's regression inputs (tests/fuzz/regressions/<target>/) and seeds.
# - With OD_LIBFUZZER=ON (clang; on by default in the Asan build that `make test` and `make fuzz`
#   configure): one libFuzzer binary per target, fuzz-<target>, and a test per target that
#   replays the same inputs and then fuzzes for OD_FUZZ_SMOKE_SECONDS.
if(CMAKE_BUILD_TYPE STREQUAL "Asan" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(od_libfuzzer_default ON)
else()
  set(od_libfuzzer_default OFF)
endif()
option(OD_LIBFUZZER "Build a libFuzzer binary per fuzz target (clang, -fsanitize=fuzzer)" ${od_libfuzzer_default})
set(OD_FUZZ_SMOKE_SECONDS 3 CACHE STRING "Seconds each fuzz target runs in its smoke test")
set(OD_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)
set(OD_FUZZ_TARGETS config_yaml config_json diagnose_text diagnose_log diagnose_har token jwks import_export
                    machine_config classify discovery preflight_replay baseline)

find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(OD_FUZZ_OUT ${CMAKE_BINARY_DIR}/fuzz)
file(GLOB_RECURSE OD_FUZZ_SEED_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fixtures/*)
add_custom_command(
  OUTPUT ${OD_FUZZ_OUT}/od.dict
  COMMAND ${Python3_EXECUTABLE} ${OD_FUZZ_DIR}/make_seeds.py ${CMAKE_SOURCE_DIR} ${OD_FUZZ_OUT}
  DEPENDS ${OD_FUZZ_DIR}/make_seeds.py ${OD_FUZZ_SEED_SOURCES} ${CATALOGUE_FILES}
          ${CMAKE_SOURCE_DIR}/schema/oidc-doctor.schema.json
  COMMENT "Fuzz seeds and dictionary")
add_custom_target(od-fuzz-seeds ALL DEPENDS ${OD_FUZZ_OUT}/od.dict)

set(od_fuzz_sources "")
foreach(t ${OD_FUZZ_TARGETS})
  list(APPEND od_fuzz_sources ${OD_FUZZ_DIR}/${t}.cpp)
endforeach()

if(NOT OD_LIBFUZZER)
add_executable(od-fuzz-replay ${od_fuzz_sources} ${OD_FUZZ_DIR}/support.cpp ${OD_FUZZ_DIR}/replay_main.cpp)
target_include_directories(od-fuzz-replay PRIVATE ${CMAKE_SOURCE_DIR}/src ${OD_FUZZ_DIR})
target_link_libraries(od-fuzz-replay PRIVATE od_cli)
add_dependencies(od-fuzz-replay od-fuzz-seeds)
od_test_binary(od-fuzz-replay)

foreach(t ${OD_FUZZ_TARGETS})
  set(regressions ${OD_FUZZ_DIR}/regressions/${t})
  add_test(NAME fuzz-replay-${t} COMMAND od-fuzz-replay ${t} ${regressions} ${OD_FUZZ_OUT}/seeds/${t})
  set_tests_properties(fuzz-replay-${t} PROPERTIES LABELS "offline;fuzz" TIMEOUT 300)
endforeach()
endif()

if(OD_LIBFUZZER)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "OD_LIBFUZZER needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  # lld links the thirteen sanitized binaries several times faster than ld.bfd, when present.
  find_program(OD_LLD ld.lld)
  set(od_fuzz_ld "")
  if(OD_LLD)
    set(od_fuzz_ld -fuse-ld=lld)
  endif()
  add_library(od_fuzz_support STATIC ${OD_FUZZ_DIR}/support.cpp)
  target_include_directories(od_fuzz_support PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(od_fuzz_support PUBLIC od_cli)
  foreach(t ${OD_FUZZ_TARGETS})
    add_executable(fuzz-${t} ${OD_FUZZ_DIR}/${t}.cpp)
    target_compile_definitions(fuzz-${t} PRIVATE OD_LIBFUZZER)
    target_include_directories(fuzz-${t} PRIVATE ${CMAKE_SOURCE_DIR}/src ${OD_FUZZ_DIR})
    target_link_libraries(fuzz-${t} PRIVATE od_fuzz_support)
    target_link_options(fuzz-${t} PRIVATE -fsanitize=fuzzer ${od_fuzz_ld})
    add_dependencies(fuzz-${t} od-fuzz-seeds)
    # The smoke: the regression inputs (the seeds run in the ordinary build's fuzz-replay), then
    # a few seconds of fuzzing; new inputs go to a corpus in the build folder, never into the
    # source tree.
    add_test(NAME fuzz-smoke-${t}
             COMMAND ${OD_FUZZ_DIR}/run.sh $<TARGET_FILE:fuzz-${t}> ${t} ${OD_FUZZ_SMOKE_SECONDS} ${OD_FUZZ_OUT})
    set_tests_properties(fuzz-smoke-${t} PROPERTIES LABELS "fuzz-smoke" TIMEOUT 300 ENVIRONMENT OD_FUZZ_SEEDS=0)
  endforeach()
endif()
