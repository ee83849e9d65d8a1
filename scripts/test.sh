#!/bin/sh
# The test command (README): installs dependencies, builds with warnings as
# errors, and runs the whole suite through ctest, whose closing summary says
# how many tests ran. Run as root: the agent and integration suites create
# network namespaces and start corosync, haproxy and friends.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
build=${VIGIL_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DVIGIL_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"
cd "$build"
exec ctest --output-on-failure --timeout 1800 "$@"
