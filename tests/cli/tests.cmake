# CLI tests: vigil against CIB files (CIB_file), no daemon needed. Golden
# outputs live in tests/cli/golden; VIGIL_UPDATE_GOLDEN=1 rewrites them.
foreach(case seed-build status-running status-degraded bad-input dry-run placement configure-load
        cluster-setup misc completion)
  add_test(NAME "cli: ${case}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${case} $<TARGET_FILE:vigil>)
  set_tests_properties("cli: ${case}" PROPERTIES LABELS cli TIMEOUT 120)
endforeach()
