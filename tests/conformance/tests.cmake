# Scheduler conformance: Pacemaker's scheduler regression inputs with the
# results of crm_simulate 2.1.5 (../shared/conformance/scheduler), run
# against `vigil simulate`, held to the floors in floors.txt.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
set(VIGIL_SCHED_CORPUS ${PROJECT_SOURCE_DIR}/../shared/conformance/scheduler)
add_test(NAME conformance.scheduler
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/ratchet.py
                 ${VIGIL_SCHED_CORPUS} ${CMAKE_CURRENT_LIST_DIR}/floors.txt
                 $<TARGET_FILE:vigil> -j 2)
set_tests_properties(conformance.scheduler PROPERTIES LABELS conformance TIMEOUT 900)
