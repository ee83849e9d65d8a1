# CLI tests: vigil against CIB files (CIB_file), no daemon needed. Golden
# outputs live in tests/cli/golden; VIGIL_UPDATE_GOLDEN=1 rewrites them.
foreach(case seed-build status-running status-degraded status-roles bad-input dry-run placement configure-load
        cluster-setup misc completion)
  add_test(NAME "cli: ${case}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${case} $<TARGET_FILE:vigil>)
  set_tests_properties("cli: ${case}" PROPERTIES LABELS cli TIMEOUT 120)
endforeach()

# vigil against a live three-node cluster (lab namespaces, corosync from
# `vigil cluster setup`, vigild): needs root. The placement half of the
# script (MODE=placement: move/ban/clear/standby moving the group) is not
# registered until vigild runs resources.
add_test(NAME "cli: live cluster (config)"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cluster_test.sh $<TARGET_FILE:vigil>
                 $<TARGET_FILE:vigild> config)
set_tests_properties("cli: live cluster (config)" PROPERTIES
  LABELS "cli;integration" TIMEOUT 300 RUN_SERIAL TRUE)
