#!/bin/sh
# Scheduler benchmark: vigil simulate against crm_simulate -s (one scheduler
# run with scores) on the same generated CIBs, in two variants:
#   probes     nothing running yet: every resource is probed on every node
#   no-probes  everything running, a few failures, enable-startup-probes=false
# Prints wall and CPU time, peak RSS, the ratios, and whether both decided
# the same transition (hence the same placement).
# usage: bench/scheduler/run.sh VIGIL [SIZES...]   (sizes as NODESxRESOURCES)
# BENCH_SKIP_CRM=1 skips crm_simulate; BENCH_VARIANTS="no-probes" runs one
# variant; BENCH_KEEP=DIR keeps each CIB and both outputs there.
# BENCH_VIGIL_RUNS=N (default 5): vigil runs N times per CIB and the table
# shows the median of each column (a run takes tens of milliseconds, so one
# run on a shared machine says little); crm_simulate runs once.
# BENCH_CRM_TIMEOUT=S stops crm_simulate after S seconds of wall time
# ("timeout" in its column, with the CPU time and memory used until then).
# BENCH_RAW=FILE appends every single measurement there.
# Informational, never pass/fail.
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
# measure OUT CMD...: runs CMD with stdout to OUT; prints "wall cpu max_rss_kb"
measure() {
    python3 "$here/measure.py" "$@"
}
# median_of FILE: the median of each column of FILE's "wall cpu rss" lines
median_of() {
    for col in 1 2 3; do
        cut -d' ' -f"$col" "$1" | sort -g | awk '{ v[NR] = $1 }
            END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
    done | paste -sd' '
}
ratio() {
    # times below 1 ms count as 1 ms
    awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.0f", a / b }'
}
raw() {
    [ -n "${BENCH_RAW:-}" ] && echo "$*" >> "$BENCH_RAW"
    return 0
}
printf '%-8s %-9s | %7s %7s %6s | %8s %8s %7s | %6s %6s %6s | %s\n' size variant \
    vig_wall vig_cpu vig_MB crm_wall crm_cpu crm_MB x_wall x_cpu mem same
for size in $sizes; do
    nodes=${size%x*}
    rscs=${size#*x}
    for variant in ${BENCH_VARIANTS:-probes no-probes}; do
        flags=""
        [ "$variant" = no-probes ] && flags="--running --no-probes"
        # shellcheck disable=SC2086
        python3 "$here/gen_cib.py" "$nodes" "$rscs" $flags > "$tmp/cib.xml"
        : > "$tmp/runs"
        i=0
        while [ "$i" -lt "${BENCH_VIGIL_RUNS:-5}" ]; do
            measure "$tmp/vigil.out" "$vigil" simulate --actions --xml-file "$tmp/cib.xml" >> "$tmp/runs"
            i=$((i + 1))
        done
        while read -r line; do raw "$size $variant vigil $line"; done < "$tmp/runs"
        median_of "$tmp/runs" > "$tmp/m"
        read -r vw vc vk < "$tmp/m"
        vk=${vk%.*}
        if [ "${BENCH_SKIP_CRM:-}" = 1 ] || ! command -v crm_simulate > /dev/null; then
            cw=- cc=- ck=0 xw=- xc=- xm=- same=-
        else
            # shellcheck disable=SC2086
            measure ${BENCH_CRM_TIMEOUT:+--timeout "$BENCH_CRM_TIMEOUT"} "$tmp/crm.xml" \
                crm_simulate -s -x "$tmp/cib.xml" --output-as=xml > "$tmp/m"
            read -r cw cc ck < "$tmp/m"
            raw "$size $variant crm_simulate $cw $cc $ck"
            if [ "$cw" = timeout ]; then
                xw=- xc=">$(ratio "$cc" "$vc")" xm=- same=-
            else
                xw=$(ratio "$cw" "$vw")
                xc=$(ratio "$cc" "$vc")
                xm=$(ratio "$ck" "$vk")
                same=$(python3 "$here/same_actions.py" "$tmp/crm.xml" "$tmp/vigil.out" | head -1) || true
            fi
        fi
        if [ -n "${BENCH_KEEP:-}" ]; then
            mkdir -p "$BENCH_KEEP"
            for f in cib.xml vigil.out crm.xml; do
                [ -f "$tmp/$f" ] && cp "$tmp/$f" "$BENCH_KEEP/$size-$variant-$f"
            done
        fi
        printf '%-8s %-9s | %7s %7s %6s | %8s %8s %7s | %6s %6s %6s | %s\n' "$size" "$variant" \
            "$vw" "$vc" "$((vk / 1024))" "$cw" "$cc" "$((ck / 1024))" "$xw" "$xc" "$xm" "$same"
    done
done
