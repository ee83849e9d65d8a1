# The seed's web cluster end to end (examples/webcluster on the namespace
# lab, lab prefix vw- unless VIGIL_LAB_PREFIX says otherwise): the thesis'
# chapter-4 scenarios with real corosync, vigild, glusterd, dockerd and
# haproxy. Root only; a missing program fails a test. Each test brings the
# whole lab up and tears it down (about 20-40 s of it).
#
# The configuration is webcluster.crm as it stands: fencing with the lab's
# power switch (fence_vigil_netns), no-quorum-policy=stop.
#
# The thesis' own choice (stonith:null, no-quorum-policy=ignore;
# seed-variant.crm) runs as webcluster-failover-seed. Without fencing or
# quorum to hold it back, it depends on vigild's start-up wait
# (dc-deadtime): a director powered back on must not start the group while
# corosync has not yet merged it with the others.
foreach(_wc_test failover balancing gluster)
  add_test(NAME "webcluster-${_wc_test}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/${_wc_test}.sh ${CMAKE_BINARY_DIR})
  set_tests_properties("webcluster-${_wc_test}" PROPERTIES
    LABELS webcluster TIMEOUT 600 RUN_SERIAL TRUE
    ENVIRONMENT "VIGIL_WC_VARIANT=netns")
endforeach()
add_test(NAME "webcluster-failover-seed"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/failover.sh ${CMAKE_BINARY_DIR})
set_tests_properties("webcluster-failover-seed" PROPERTIES
  LABELS webcluster TIMEOUT 600 RUN_SERIAL TRUE
  ENVIRONMENT "VIGIL_WC_VARIANT=seed")
