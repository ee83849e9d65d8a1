#!/bin/sh
# Scheduler benchmark: vigil simulate against crm_simulate -s on the same
# generated CIBs. Prints wall time, peak RSS and the ratio per size.
# usage: bench/scheduler/run.sh VIGIL [SIZES...]   (sizes as NODESxRESOURCES)
# Timings are informational; this is not a pass/fail test.
set -eu
vigil=${1:?usage: run.sh VIGIL [SIZES...]}
shift
sizes=${*:-"3x10 16x200 32x1000 32x4000"}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# crm_simulate keeps its shadow copy here, never near a live cluster.
CIB_shadow_dir=$tmp
export CIB_shadow_dir
measure() {
    # prints "seconds max_rss_kb" for the command
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2>&1 || true
    cat "$tmp/time"
}
printf '%-10s %-8s %10s %10s %12s %12s %8s\n' size status vigil_s vigil_MB crm_sim_s crm_sim_MB ratio
for size in $sizes; do
    nodes=${size%x*}
    rscs=${size#*x}
    for variant in stopped running; do
        flag=""
        [ "$variant" = running ] && flag="--running"
        # shellcheck disable=SC2086
        python3 "$here/gen_cib.py" "$nodes" "$rscs" $flag > "$tmp/cib.xml"
        measure "$vigil" simulate --placement --actions --xml-file "$tmp/cib.xml" > "$tmp/m"
        read -r vs vk < "$tmp/m"
        if [ "${BENCH_SKIP_CRM:-}" = 1 ] || ! command -v crm_simulate > /dev/null; then
            cs=- ck=0 ratio=-
        else
            measure crm_simulate -s -x "$tmp/cib.xml" > "$tmp/m"
            read -r cs ck < "$tmp/m"
            ratio=$(awk -v a="$cs" -v b="$vs" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "-" }')
        fi
        printf '%-10s %-8s %10s %10s %12s %12s %8s\n' "$size" "$variant" "$vs" "$((vk / 1024))" \
            "$cs" "$((ck / 1024))" "$ratio"
    done
done
