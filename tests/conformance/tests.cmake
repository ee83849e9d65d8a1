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

# Differential: seeded random tier1-feature CIBs against the installed
# crm_simulate. Seeds listed in differential-matching.txt must keep
# matching; a longer run is
#   tests/conformance/differential.py VIGIL --seeds 1-1000 --minimize
add_test(NAME conformance.differential
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/differential.py
                 $<TARGET_FILE:vigil> --seeds 1-120
                 --ratchet ${CMAKE_CURRENT_LIST_DIR}/differential-matching.txt)
set_tests_properties(conformance.differential PROPERTIES LABELS conformance TIMEOUT 600)
