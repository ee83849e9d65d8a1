#!/bin/sh
# Soak of the fast corosync profile (issue 5): the three-director lab with
# corosync (`vigil cluster setup --profile fast`: token 400,
# token_coefficient 0) and vigild running the seed's configuration, watched
# for DURATION seconds with nothing done to it: every spurious failover
# (the VIPs or the answers leaving cluster1), DC change and corosync
# membership change is counted (analyse.py). "idle": only the 10 ms probe;
# "loaded": client traffic through the VIP besides (a new connection every
# 2 ms). Both run at the same time on two labs (prefixes PREFIX-si- and
# PREFIX-sl-) unless one is named. A measurement, never pass/fail.
#
# Usage: bench/soak/run.sh [-d SECONDS] [-o OUT] [-s STACK] [idle|loaded]...  (as root)
#   SECONDS default 1800 (30 min); STACK default vigil-fast (any failover
#   stack works: vigil-1000, pacemaker-1000, ...)
# Writes OUT/<stack>-soak-idle.tsv, OUT/<stack>-soak-loaded.tsv (raw logs
# in OUT/soak-<stack>-<mode>/) and OUT/soak.md (every soak in OUT). Environment: VIGIL_LAB_PREFIX (default vb-).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
DURATION=1800
OUT=$HERE/../results/$(date +%Y-%m-%d)
STACK=vigil-fast
while getopts d:o:s: opt; do
    case $opt in
        d) DURATION=$OPTARG ;;
        o) OUT=$OPTARG ;;
        s) STACK=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- idle loaded
case $DURATION in '' | *[!0-9]*) echo "soak: -d wants whole seconds, not '$DURATION'" >&2 && exit 2 ;; esac
for mode in "$@"; do
    case $mode in idle | loaded) ;; *) echo "soak: unknown mode '$mode' (idle or loaded)" >&2 && exit 2 ;; esac
done
mkdir -p "$OUT"
base=${VIGIL_LAB_PREFIX:-vb-}
pids=""
for mode in "$@"; do
    load=0
    [ "$mode" = idle ] || load=1
    # Each mode its own lab and its own series name (run.sh names files
    # <stack>-<fault>): the soak's files are renamed after the run.
    dir=$OUT/soak-$STACK-$mode
    mkdir -p "$dir"
    VIGIL_LAB_PREFIX="$base$(echo "$mode" | cut -c1)s-" VIGIL_LAB_STATE="" SOAK_SECONDS=$DURATION \
        SOAK_LOAD=$load sh "$HERE/../failover/run.sh" -n 0 -o "$dir" "$STACK" soak >"$dir/run.log" 2>&1 &
    pids="$pids $!"
done
rc=0
for p in $pids; do wait "$p" || rc=1; done
for mode in "$@"; do
    [ -f "$OUT/soak-$STACK-$mode/$STACK-soak.tsv" ] || echo "soak: $STACK $mode not measured (see soak-$STACK-$mode/run.log)" >&2
    dir=$OUT/soak-$STACK-$mode
    [ -f "$dir/$STACK-soak.tsv" ] && cp "$dir/$STACK-soak.tsv" "$OUT/$STACK-soak-$mode.tsv"
done
{
    echo "# Soak: counts over each window (the idle and loaded labs of a stack ran side by side)"
    echo
    echo "| stack | lab | seconds | probes | failed | answers from another director | longest gap (ms) | VIP samples off cluster1 | DC changes | corosync memberships | members left | token lost | corosync not scheduled | load requests | load failed |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for f in "$OUT"/*-soak-idle.tsv "$OUT"/*-soak-loaded.tsv; do
        [ -f "$f" ] || continue
        name=$(basename "$f" .tsv)
        tail -n +2 "$f" | awk -F '\t' -v s="${name%-soak-*}" -v m="${name##*-}" '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", s, m, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'
    done
} >"$OUT/soak.md"
cat "$OUT/soak.md"
exit "$rc"
