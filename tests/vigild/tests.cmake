# The daemon's logic is unit-tested from tests/unit/vigild_*.cpp, which the
# unit_tests binary globs; they need the daemon's core library.
target_link_libraries(unit_tests PRIVATE vigild_core)
