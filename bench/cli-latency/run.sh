#!/bin/sh
# Configuration latency on the three-director lab: CHANGES resource
# creations, each followed by a status query, run in standby2 -- `vigil
# resource create` + `vigil status` against `crm configure primitive` and
# `cibadmin --create` + `crm_mon -1` (failover/run.sh with the "cli" mode).
# Writes OUT/<stack>-cli.tsv and OUT/cli-latency.md.
# Usage: bench/cli-latency/run.sh [OUT] [CHANGES] [STACK...]   (as root)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../results/$(date +%Y-%m-%d)}
CHANGES=${2:-100}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
[ $# -gt 0 ] || set -- pacemaker-1000 vigil-1000
rc=0
for stack in "$@"; do
    CLI_CHANGES=$CHANGES sh "$HERE/../failover/run.sh" -o "$OUT" "$stack" cli || rc=1
done
python3 "$HERE/summary.py" "$OUT" "$@"
exit "$rc"
