# Reliability (issue 8): CTS-style fault scenarios with audits, and a short
# randomised soak, on the three-director lab with real corosync and vigild.
# Root only; a missing program fails a test. Lab prefix rel- (reliability
# tests run serially). The scenarios that expose known daemon bugs and the
# 200-step soak are run by hand (tests/reliability/README.md).
set(_rel_bins $<TARGET_FILE:vigild> $<TARGET_FILE:vigil> $<TARGET_FILE:vigil_ipc_client>)
add_test(NAME reliability-scenarios
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run.sh ${_rel_bins}
                 Standby Flip AgentHang ResyncCIB StopOneByOne SimulStart SimulStop
                 SplitBrain Reattach StartOneByOne ComponentFail Restart NearQuorumPoint
                 ResourceRecover)
add_test(NAME reliability-soak-short
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/soak.sh ${_rel_bins}
                 --seed 1 --steps 15 --kinds flip,standby,fail,hang,cli,resync)
set_tests_properties(reliability-scenarios reliability-soak-short PROPERTIES
  LABELS reliability TIMEOUT 600 RUN_SERIAL TRUE
  ENVIRONMENT "VIGIL_LAB_PREFIX=rel-;REL_SEED=1")
