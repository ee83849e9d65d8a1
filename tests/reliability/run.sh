#!/bin/sh
# The CTS-style fault scenarios on the three-director lab (README.md).
# Brings up the lab, loads the configuration, runs the named scenarios in
# order (default: all), auditing after every step; exits 1 on any
# violation. Needs root.
#
# Usage: run.sh VIGILD VIGIL VIGIL_IPC_CLIENT [SCENARIO...]
#   scenarios: Standby Flip Restart StartOneByOne StopOneByOne SimulStart
#   SimulStop ResourceRecover ComponentFail SplitBrain Reattach ResyncCIB
#   NearQuorumPoint AgentHang
set -u

abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
VIGILD=$(abs "${1:?usage: run.sh VIGILD VIGIL VIGIL_IPC_CLIENT [SCENARIO...]}")
VIGIL=$(abs "${2:?path to vigil}")
CLIENT=$(abs "${3:?path to vigil_ipc_client}")
shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/reliability/lib.sh
. "$HERE/lib.sh"
# shellcheck source=tests/reliability/audits.sh
. "$HERE/audits.sh"
# shellcheck source=tests/reliability/scenarios.sh
. "$HERE/scenarios.sh"
# shellcheck source=tests/reliability/bootstrap.sh
. "$HERE/bootstrap.sh"

known=$(echo "$SCENARIOS" | tr '\n' ' ')
# shellcheck disable=SC2086 # one word per scenario
[ $# -gt 0 ] || set -- $known
for s in "$@"; do
    case " $known " in
        *" $s "*) ;;
        *) fail "unknown scenario '$s' (known: $known)" ;;
    esac
done

# REL_SEED=N makes the scenarios' random choices (which node to flip,
# restart, ...) repeatable.
if [ -n "${REL_SEED:-}" ]; then
    RNG_FILE=$WORK/rng
    echo "$REL_SEED" >"$RNG_FILE"
    say "random choices from seed $REL_SEED"
fi
t0=$(ms)
bootstrap
for s in "$@"; do
    before=$VIOLATIONS
    ts=$(ms)
    say "=== scenario $s"
    "sc_$s"
    say "=== scenario $s: $((VIOLATIONS - before)) violation(s), $(($(ms) - ts)) ms"
done
# REL_PAUSE=SECONDS keeps the lab for that long, for a look by hand.
[ -z "${REL_PAUSE:-}" ] || {
    say "pausing ${REL_PAUSE}s: VIGIL_LAB_STATE=$VIGIL_LAB_STATE WORK=$WORK"
    sleep "$REL_PAUSE"
}
say "total: $VIOLATIONS violation(s) in $# scenario(s), $(($(ms) - t0)) ms"
[ "$VIOLATIONS" = 0 ] || exit 1
echo "PASS"
