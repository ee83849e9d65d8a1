# CLI tests: vigil against CIB files (CIB_file), no daemon needed. Golden
# outputs live in tests/cli/golden; VIGIL_UPDATE_GOLDEN=1 rewrites them.
foreach(case seed-build status-running status-degraded status-roles bad-input dry-run placement configure-load
        cluster-setup misc completion config)
  add_test(NAME "cli: ${case}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${case} $<TARGET_FILE:vigil>)
  set_tests_properties("cli: ${case}" PROPERTIES LABELS cli TIMEOUT 120)
endforeach()

# vigil against a live three-node cluster (lab namespaces, corosync from
# `vigil cluster setup`, vigild): needs root. "config" checks replication,
# refusals and standby; "placement" also checks that move/clear/ban/standby
# move the seed's group (vigild runs the IPaddr2 resources).
foreach(mode config placement)
  add_test(NAME "cli: live cluster (${mode})"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cluster_test.sh $<TARGET_FILE:vigil>
                   $<TARGET_FILE:vigild> ${mode})
  set_tests_properties("cli: live cluster (${mode})" PROPERTIES
    LABELS "cli;integration" TIMEOUT 300 RUN_SERIAL TRUE)
endforeach()

# --wait (settled when it returns; exit 6 when it runs out), restart (the
# agent's stop and start), cleanup of a real monitor failure, move versus
# move-with-constraint, and the Daemon Status of live status.
add_test(NAME "cli: live cluster (operations)"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cluster_ops_test.sh $<TARGET_FILE:vigil>
                 $<TARGET_FILE:vigild>)
set_tests_properties("cli: live cluster (operations)" PROPERTIES
  LABELS "cli;integration" TIMEOUT 300 RUN_SERIAL TRUE ENVIRONMENT "VIGIL_LAB_PREFIX=vclo-")
