# Reliability (issue 8): CTS-style fault scenarios with audits, and a short
# randomised soak, on the three-director lab with real corosync and vigild.
# Root only; a missing program fails a test. Lab prefix rel- (reliability
# tests run serially). The short soak runs every kind of fault (seed 3 drew
# each kind within 20 steps when measured; the cluster's reactions can shift
# later draws). The 200-step soak is run by hand (tests/reliability/README.md).
set(_rel_bins $<TARGET_FILE:vigild> $<TARGET_FILE:vigil> $<TARGET_FILE:vigil_ipc_client>)
add_test(NAME reliability-scenarios
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${_rel_bins}
                 Standby Flip AgentHang ResyncCIB StopOneByOne SimulStart SimulStop
                 SplitBrain Reattach StartOneByOne ComponentFail Restart NearQuorumPoint
                 ResourceRecover FailureTimeout AgentKill)
add_test(NAME reliability-soak-short
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/soak.sh ${_rel_bins}
                 --seed 3 --steps 20)
set_tests_properties(reliability-scenarios reliability-soak-short PROPERTIES
  LABELS reliability TIMEOUT 600 RUN_SERIAL TRUE
  ENVIRONMENT "VIGIL_LAB_PREFIX=rel-;REL_SEED=1")
