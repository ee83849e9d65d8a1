#!/bin/sh
# Idle footprint per director: processes, RSS and CPU seconds per idle hour,
# for each stack brought up with the seed's configuration on the lab (by
# failover/run.sh with the "idle" fault: no fault, one idle interval).
# Writes OUT/<stack>-idle.footprint.tsv and OUT/footprint.md.
# Usage: bench/footprint/run.sh [OUT] [IDLE_SECONDS] [STACK...]   (as root)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../results/$(date +%Y-%m-%d)}
IDLE=${2:-60}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
[ $# -gt 0 ] || set -- pacemaker-1000 vigil-1000 keepalived-1
rc=0
for stack in "$@"; do
    IDLE_SECONDS=$IDLE sh "$HERE/../failover/run.sh" -n 0 -o "$OUT" "$stack" idle || rc=1
done
{
    echo "# Idle footprint per director ($IDLE s idle interval; CPU scaled to an hour)"
    echo
    echo "| stack | node | processes | RSS (MB) | CPU s / idle hour | processes' names |"
    echo "|---|---|---|---|---|---|"
    for stack in "$@"; do
        f=$OUT/$stack-idle.footprint.tsv
        [ -f "$f" ] || continue
        tail -n +2 "$f" | awk -F '\t' -v s="$stack" '{ printf "| %s | %s | %s | %s | %s | %s |\n", s, $1, $2, $3, $4, $5 }'
    done
} >"$OUT/footprint.md"
cat "$OUT/footprint.md"
exit "$rc"
