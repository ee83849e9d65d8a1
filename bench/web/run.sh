#!/bin/sh
# Web path benchmark (issue 9, item 5): the seed's ApacheBench runs from the
# client namespace through the VIP and HAProxy to the web containers of
# examples/webcluster, then the same runs against the same HAProxy started
# by hand on the same director with vigild and corosync stopped on every
# node (the containers, Gluster mounts and VIPs stay): the cluster layer
# should add nothing measurable on the data path. Plus wrk on each page.
# A measurement, never pass/fail.
#
# Pages (the thesis' tables 11, 13 and 14): the static index.php on port 80
# (tcp mode, nine containers), pi.php?n=100000 on port 80, and the page
# with an image, imagen.html, on port 90 (the Gluster-backed containers).
#
# Usage: bench/web/run.sh [-o OUT] [-c "1 3 5 10 20"] [-n "STATIC PI IMAGE"]
#                         [-d WRK_SECONDS]                        (as root)
#   -n  requests per ab run for each page (default "500 200 500": sized for
#       a 2-core machine that also runs the whole lab)
# Writes OUT/web.tsv (one row per run), OUT/web.md, OUT/web/ (ab and wrk
# output, conditions) and OUT/logs/web/ (the cluster's logs). Environment: VIGIL_LAB_PREFIX (default
# vb-w-), VIGIL_BUILD (vigild and vigil, default REPO/build-bench).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/bench/results/$(date +%Y-%m-%d)
CONC="1 3 5 10 20"
COUNTS="500 200 500"
WRK_SECONDS=10
while getopts o:c:n:d: opt; do
    case $opt in
        o) OUT=$OPTARG ;;
        c) CONC=$OPTARG ;;
        n) COUNTS=$OPTARG ;;
        d) WRK_SECONDS=$OPTARG ;;
        *) exit 2 ;;
    esac
done
# shellcheck disable=SC2086 # three words
set -- $COUNTS
[ $# = 3 ] || { echo "web: -n wants three request counts (static pi image), not '$COUNTS'" >&2 && exit 2; }
for v in "$@" $CONC $WRK_SECONDS; do
    case $v in '' | *[!0-9]* | 0) echo "web: '$v' is not a positive whole number" >&2 && exit 2 ;; esac
done
N_STATIC=$1
N_PI=$2
N_IMAGE=$3
export VIGIL_BUILD="${VIGIL_BUILD:-$ROOT/build-bench}"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vb-w-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${VIGIL_LAB_PREFIX%-}}"
export VIGIL_WC_WORK="${VIGIL_WC_WORK:-/tmp/vigil-webcluster-${VIGIL_LAB_PREFIX%-}}"
WC="$ROOT/examples/webcluster/webcluster.sh"
LAB="$ROOT/tests/lab/lab.sh"
VIP=192.168.1.200
RAW=$OUT/web
LOGS=$OUT/logs/web
TSV=$OUT/web.tsv

say() { echo "web: $*" >&2; }
die() {
    say "$*"
    exit 1
}
lab() { sh "$LAB" "$@"; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
for prog in ab wrk haproxy curl; do
    command -v "$prog" >/dev/null || die "$prog is not installed (scripts/packages/bench.txt)"
done

HAND_PID=""
cleanup() {
    rc=$?
    [ -z "$HAND_PID" ] || kill "$HAND_PID" 2>/dev/null || true
    mkdir -p "$LOGS"
    cp "$VIGIL_WC_WORK"/logs/*.log "$LOGS/" 2>/dev/null || true
    sh "$WC" down >/dev/null 2>&1 || true
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT" "$LOGS" "$RAW"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "host: $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "haproxy: $(dpkg-query -W -f '${Version}' haproxy 2>/dev/null)"
    echo "ab: $(dpkg-query -W -f '${Version}' apache2-utils 2>/dev/null); wrk: $(dpkg-query -W -f '${Version}' wrk 2>/dev/null)"
    echo "requests per ab run: static $N_STATIC, pi $N_PI, image $N_IMAGE; concurrency: $CONC; wrk: $WRK_SECONDS s"
} >"$RAW/conditions.txt"

say "bringing up the web cluster (examples/webcluster, prefix $VIGIL_LAB_PREFIX)"
t0=$(date +%s)
sh "$WC" up >"$LOGS/up.log" 2>&1 ||
    die "the web cluster did not come up: $(grep '^webcluster:' "$LOGS/up.log" | tail -n 1) (see $LOGS/up.log)"
say "up in $(($(date +%s) - t0)) s"

client() { lab exec client "$@"; }

# Every container answering through HAProxy: a few requests in a row.
page_ok() { client curl -sf -o /dev/null --max-time 5 "$1"; }
wait_pages() {
    for url in "http://$VIP/index.php" "http://$VIP:90/imagen.html"; do
        i=0
        while ! page_ok "$url"; do
            i=$((i + 1))
            [ "$i" -lt 120 ] || die "$url does not answer"
            sleep 0.5
        done
    done
}

# ab_run MODE PAGE URL N C: one ab run, one row of web.tsv.
ab_run() {
    log=$RAW/ab-$1-$2-c$5.txt
    client ab -r -n "$4" -c "$5" "$3" >"$log" 2>&1 || say "ab $1 $2 -c $5 failed (see $log)"
    rps=$(awk '/^Requests per second:/ {print $4; exit}' "$log")
    tpr=$(awk '/^Time per request:/ {print $4; exit}' "$log")
    failed=$(awk '/^Failed requests:/ {print $3; exit}' "$log")
    non2xx=$(awk '/^Non-2xx responses:/ {print $3; exit}' "$log")
    printf 'ab\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n' "$1" "$2" "$4" "$5" "${rps:-}" "${tpr:-}" \
        "${failed:-}" "${non2xx:-0}" >>"$TSV"
}

# wrk_run MODE PAGE URL: 2 threads, 10 connections, WRK_SECONDS.
wrk_run() {
    log=$RAW/wrk-$1-$2.txt
    client wrk -t 2 -c 10 -d "${WRK_SECONDS}s" --latency "$3" >"$log" 2>&1 || say "wrk $1 $2 failed"
    rps=$(awk '/^Requests\/sec:/ {print $2; exit}' "$log")
    avg=$(awk '$1 == "Latency" {print $2; exit}' "$log")
    p99=$(awk '$1 == "99%" {print $2; exit}' "$log")
    errs=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$log")
    printf 'wrk\t%s\t%s\t\t10\t%s\t%s\t%s\t\t%s\n' "$1" "$2" "${rps:-}" "${avg:-}" "${errs:-0}" "${p99:-}" >>"$TSV"
}

series() {
    mode=$1
    wait_pages
    for c in $CONC; do
        say "$mode: ab -c $c"
        ab_run "$mode" static "http://$VIP/index.php" "$N_STATIC" "$c"
        ab_run "$mode" pi "http://$VIP/pi.php?n=100000" "$N_PI" "$c"
        ab_run "$mode" image "http://$VIP:90/imagen.html" "$N_IMAGE" "$c"
    done
    say "$mode: wrk"
    wrk_run "$mode" static "http://$VIP/index.php"
    wrk_run "$mode" pi "http://$VIP/pi.php?n=100000"
    wrk_run "$mode" image "http://$VIP:90/imagen.html"
}

printf 'tool\tmode\tpage\trequests\tconcurrency\treq_per_s\tms_per_req\tfailed\tnon2xx\tp99\n' >"$TSV"
sh "$WC" placements >"$RAW/placements-vigil.txt" 2>&1 || true
DIRECTOR=$(awk '$1 == "HAProxy" {print $2}' "$RAW/placements-vigil.txt")
[ -n "$DIRECTOR" ] || die "HAProxy is not running anywhere: $(cat "$RAW/placements-vigil.txt")"
series vigil

say "stopping vigild and corosync on every cluster node; HAProxy by hand on $DIRECTOR"
# SIGKILL, not a shutdown: a daemon that stops its resources on the way out
# would take the VIPs and containers with it.
for n in cluster1 standby1 standby2 cluster2 cluster3 cluster4; do
    for d in vigild corosync; do
        f=$VIGIL_WC_WORK/pids/$n-$d.pid
        [ -f "$f" ] || continue
        kill -KILL "$(cat "$f")" 2>/dev/null || true
    done
done
sleep 2
for p in $(lab pids "$DIRECTOR"); do
    c=""
    { read -r c </proc/"$p"/comm; } 2>/dev/null || true
    case $c in vigild | corosync) die "$c (pid $p) still runs on $DIRECTOR" ;; haproxy) kill "$p" ;; esac
done
sleep 1
HAND_PID=$(lab spawn "$DIRECTOR" "$LOGS/haproxy-by-hand.log" haproxy -db -f "$ROOT/examples/webcluster/haproxy.cfg")
series hand
lab ps "$DIRECTOR" >"$RAW/ps-hand.txt" 2>&1 || true
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RAW/conditions.txt"
python3 "$HERE/report.py" "$OUT"
