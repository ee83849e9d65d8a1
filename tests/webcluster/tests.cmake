# The seed's web cluster end to end (examples/webcluster on the namespace
# lab, lab prefix vw-): the thesis' chapter-4 scenarios with real corosync,
# vigild, glusterd, dockerd and haproxy. Root only; a missing program fails
# a test. Each test brings the whole lab up and tears it down (about 20-40 s).
#
# VIGIL_WC_VARIANT=seed: the seed's fencing choice (no fencing,
# no-quorum-policy=ignore). vigild fences since this was written
# (tests/integration/vigild_fencing_test.sh); moving these scenarios to the
# netns fencing configuration is still to do.
foreach(_wc_test failover balancing monitor-recovery gluster)
  add_test(NAME "webcluster-${_wc_test}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/${_wc_test}.sh ${CMAKE_BINARY_DIR})
  set_tests_properties("webcluster-${_wc_test}" PROPERTIES
    LABELS webcluster TIMEOUT 600 RUN_SERIAL TRUE
    ENVIRONMENT "VIGIL_WC_VARIANT=seed")
endforeach()
