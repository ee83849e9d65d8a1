# Integration tests: real corosync 3 (knet) and vigild in namespace nodes of
# the lab (tests/lab/lab.sh). They need root; a missing program fails them.
add_executable(vigil_ipc_client ${CMAKE_CURRENT_LIST_DIR}/vigil_ipc_client.cpp)
target_link_libraries(vigil_ipc_client PRIVATE crm)

add_test(NAME "integration: vigild cluster of three directors"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/vigild_cluster_test.sh
                 $<TARGET_FILE:vigild> $<TARGET_FILE:vigil_ipc_client>)
set_tests_properties("integration: vigild cluster of three directors" PROPERTIES
  LABELS integration TIMEOUT 300 RUN_SERIAL TRUE)

add_test(NAME "integration: lab namespaces" COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/lab_test.sh)
set_tests_properties("integration: lab namespaces" PROPERTIES LABELS integration TIMEOUT 300)

add_test(NAME "integration: vigild seed failover with IPaddr2"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/vigild_seed_test.sh
                 $<TARGET_FILE:vigild> $<TARGET_FILE:vigil_ipc_client>)
set_tests_properties("integration: vigild seed failover with IPaddr2" PROPERTIES
  LABELS integration TIMEOUT 300 RUN_SERIAL TRUE)

add_test(NAME "integration: vigild fences a cut node before recovery"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/vigild_fencing_test.sh
                 $<TARGET_FILE:vigild> $<TARGET_FILE:vigil_ipc_client>)
set_tests_properties("integration: vigild fences a cut node before recovery" PROPERTIES
  LABELS "integration;fencing" TIMEOUT 180 RUN_SERIAL TRUE)

add_test(NAME "integration: vigild no-quorum-policy=fence powers off a partition without quorum"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/vigild_quorum_fence_test.sh
                 $<TARGET_FILE:vigild> $<TARGET_FILE:vigil_ipc_client>)
set_tests_properties("integration: vigild no-quorum-policy=fence powers off a partition without quorum"
  PROPERTIES LABELS "integration;fencing" TIMEOUT 240 RUN_SERIAL TRUE)

add_test(NAME "integration: vigild no-quorum-policy=demote demotes a partition without quorum"
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/vigild_quorum_demote_test.sh
                 $<TARGET_FILE:vigild> $<TARGET_FILE:vigil_ipc_client>)
set_tests_properties("integration: vigild no-quorum-policy=demote demotes a partition without quorum"
  PROPERTIES LABELS integration TIMEOUT 240 RUN_SERIAL TRUE)
