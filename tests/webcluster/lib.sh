# Shared by the webcluster tests (sourced): brings the seed's web cluster up
# with examples/webcluster/webcluster.sh on lab prefix vw- (or
# VIGIL_LAB_PREFIX), tears it down on any exit, and gives the checks and
# helpers the scenarios use. Timings are printed as "bench:" lines, never
# asserted (only generous liveness bounds).
#
# Usage of a test: TEST.sh BUILD_DIR   (as root)
# Environment: VIGIL_WC_VARIANT netns (default: fencing with the lab's power
# switch, no-quorum-policy=stop) or seed (the thesis' stonith:null and
# no-quorum-policy=ignore); VIGIL_LAB_PREFIX for a lab of one's own.
set -eu

TESTS_WC=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$TESTS_WC/../.." && pwd)
WC="$REPO/examples/webcluster/webcluster.sh"
LAB="$REPO/tests/lab/lab.sh"
VIGIL_BUILD=${1:?usage: $0 BUILD_DIR}
case $VIGIL_BUILD in /*) ;; *) VIGIL_BUILD="$PWD/$VIGIL_BUILD" ;; esac
export VIGIL_BUILD
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vw-}"
P=$VIGIL_LAB_PREFIX
export VIGIL_LAB_STATE="/run/vigil-lab/${P%-}"
export VIGIL_WC_WORK="/tmp/vigil-webcluster-${P%-}"
export VIGIL_WC_VARIANT="${VIGIL_WC_VARIANT:-netns}"
DIRECTORS="cluster1 standby1 standby2"
VIP=192.168.1.200
FAILS=0
BG_PIDS=""

note() { echo "== $*"; }
ok() { echo "ok: $*"; }
fail() {
    echo "FAIL: $*" >&2
    FAILS=$((FAILS + 1))
}
die() {
    echo "FAIL: $*" >&2
    exit 1
}
check() {
    _what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$_what"; else fail "$_what"; fi
}
now_ms() { date +%s%3N; }
lab() { sh "$LAB" "$@"; }
webcluster() { sh "$WC" "$@"; }

# Polls a command every 0.5 s for up to $1 seconds.
wait_for() {
    _limit=$1
    shift
    _end=$(($(date +%s) + _limit))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$_end" ] || return 1
        sleep 0.5
    done
}

for prog in curl awk haproxy corosync-quorumtool; do
    command -v "$prog" >/dev/null 2>&1 || die "required program '$prog' not found"
done
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"

wc_cleanup() {
    rc=$?
    for p in $BG_PIDS; do kill "$p" 2>/dev/null || true; done
    if [ "$rc" != 0 ] || [ "$FAILS" != 0 ]; then
        for f in "$VIGIL_WC_WORK"/logs/*vigild.log; do
            [ -e "$f" ] || continue
            echo "---- $f (last 25 lines)"
            tail -n 25 "$f"
        done
    fi
    # VIGIL_WC_KEEP=1 leaves the lab up for a look (webcluster.sh down ends it).
    if [ "${VIGIL_WC_KEEP:-0}" != 1 ]; then webcluster down || true; fi
    if [ "$rc" = 0 ] && [ "$FAILS" != 0 ]; then rc=1; fi
    exit "$rc"
}
trap wc_cleanup EXIT
trap 'exit 130' INT TERM

wc_up() {
    t0=$(now_ms)
    webcluster up || die "the web cluster did not come up"
    echo "bench: lab + gluster + engines + cluster up, every resource started: $(($(now_ms) - t0)) ms"
}

# curl from the client namespace; extra arguments go to curl.
client_get() { lab exec client curl -s --max-time 5 "$@"; }

# The container that answered a page (index.php prints server=NAME).
answered_by() { client_get "$@" | sed -n 's/.*server=\([a-z0-9]*\).*/\1/p'; }

# Nodes running resource $1, one per line.
where() { webcluster placements "${VIEW:-standby2}" | awk -v r="$1" '$1 == r {print $2}'; }

# grupo1 and HAProxy all on node $1, and nowhere else.
front_on() {
    for r in IPVirtual_1 IPVirtual_2 HAProxy; do
        [ "$(where "$r" | tr '\n' ' ')" = "$1 " ] || return 1
    done
}

# The directors whose enp0s3 holds the VIP right now.
vip_holders() {
    for d in $DIRECTORS; do
        if lab exec "$d" ip -o addr show dev enp0s3 2>/dev/null | grep -q " $VIP/"; then echo "$d"; fi
    done
}

# "pxname svname status" lines of HAProxy's statistics, through the VIP.
haproxy_stats() {
    client_get -u admin:password "http://$VIP:7000/haproxy?stats;csv" | awk -F, '!/^#/ {print $1, $2, $18}'
}
server_state() { haproxy_stats | awk -v p="$1" -v s="$2" '$1 == p && $2 == s {print $3}'; }
server_is() {
    case $(server_state "$1" "$2") in "$3"*) return 0 ;; esac
    return 1
}

# The directors that hold a VIP (on any interface) or run haproxy right now,
# read from the host through their network namespaces: what really runs,
# whatever the CIB says. A process is haproxy by its executable, not its
# name: the OCF agent that starts and stops it is a script called haproxy.
HAPROXY_EXE=$(readlink -f "$(command -v haproxy)")
front_holders() {
    for d in $DIRECTORS; do
        if ip -n "$P$d" -o addr show 2>/dev/null | grep -q " \(192\.168\.1\.200\|10\.0\.100\.200\)/"; then
            echo "$d"
            continue
        fi
        for pid in $(ip netns pids "$P$d" 2>/dev/null); do
            if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$HAPROXY_EXE" ]; then
                echo "$d"
                break
            fi
        done
    done
}

# Samples front_holders every 0.2 s as "MS NODE..." lines on stdout, until
# killed (run it in the background).
sample_front_holders() {
    while :; do
        echo "$(now_ms) $(front_holders | tr '\n' ' ')"
        sleep 0.2
    done
}

# The vigild log in which NODE was fenced (the DC's), empty if none.
fence_log_of() { grep -l "node $1 fenced (" "$VIGIL_WC_WORK"/logs/*-vigild.log 2>/dev/null | head -n 1; }

# log_mark: remembers how long every vigild log is now.
log_mark() {
    for _f in "$VIGIL_WC_WORK"/logs/*-vigild.log; do
        echo "$_f $(wc -l <"$_f")"
    done >"$VIGIL_WC_WORK/log-marks"
}

# Since the last log_mark, NODE was fenced, and no vigild started IPVirtual_1
# on TO before the fencing was logged (the DC logs both).
fenced_before_start() {
    _fenced=no
    while read -r _f _mark; do
        _first=$(awk -v m="$_mark" -v n="$1" -v to="$2" '
            NR <= m { next }
            index($0, "node " n " fenced (") { print "fenced"; exit }
            $0 ~ ("transition [0-9]+: IPVirtual_1_start_0 .* on " to "$") { print "started"; exit }' "$_f")
        case $_first in
            fenced) _fenced=yes ;;
            started) return 1 ;;
        esac
    done <"$VIGIL_WC_WORK/log-marks"
    [ "$_fenced" = yes ]
}

# The votequorum view of NODE: "EXPECTED TOTAL QUORUM QUORATE(yes|no)".
quorum_of() {
    lab exec "$1" corosync-quorumtool -s 2>/dev/null | awk '
        /^Expected votes:/ { e = $3 } /^Total votes:/ { t = $3 } /^Quorum:/ { q = $2 }
        /^Quorate:/ { qq = tolower($2) }
        END { print e, t, q, qq }'
}
