# Fuzzing: a short libFuzzer run of every target in fuzz/ (a fixed number
# of inputs each, about 20 s here). The targets need clang, so the test configures and builds its own clang build
# directory inside this one (incremental, ccache-backed) instead of using
# this build's compiler. A long run: see fuzz/README.md.
set(VIGIL_FUZZ_SHORT_SECONDS 120 CACHE STRING "upper bound on the seconds each fuzz target runs in the fuzz test")
add_test(NAME "fuzz: short run of every target"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run-short.sh ${PROJECT_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/fuzz-clang ${VIGIL_FUZZ_SHORT_SECONDS})
# The timeout covers a cold build of the fuzz directory on a busy machine.
set_tests_properties("fuzz: short run of every target" PROPERTIES LABELS fuzz TIMEOUT 900)
