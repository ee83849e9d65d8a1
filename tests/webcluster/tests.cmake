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
# seed-variant.crm) runs by hand: VIGIL_WC_VARIANT=seed sh failover.sh BUILD.
# It is not in ctest because it shows a known vigild bug: a director powered
# back on can see a one-node view before corosync merges it with the others,
# and with quorum ignored it starts the group there for a moment (two
# directors hold the VIP until the merge). Pacemaker avoids this by waiting
# dc-deadtime at start-up; Vigil must wait the same way when its first view
# lacks nodes of the nodelist (issue 5).
foreach(_wc_test failover balancing gluster)
  add_test(NAME "webcluster-${_wc_test}"
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/${_wc_test}.sh ${CMAKE_BINARY_DIR})
  set_tests_properties("webcluster-${_wc_test}" PROPERTIES
    LABELS webcluster TIMEOUT 600 RUN_SERIAL TRUE
    ENVIRONMENT "VIGIL_WC_VARIANT=netns")
endforeach()
