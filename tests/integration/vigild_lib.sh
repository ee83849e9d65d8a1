# Shared by the vigild integration tests: arguments, lab helpers, the
# corosync setup of the three directors, and polling helpers. Sourced.
# shellcheck shell=sh
VIGILD=${1:?path to vigild}
CLIENT=${2:?path to vigil_ipc_client}
HERE=$(cd "$(dirname "$0")" && pwd)
LAB="$HERE/../lab/lab.sh"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vit-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${VIGIL_LAB_PREFIX%-}-$$}"
NODES="cluster1 standby1 standby2"
# The seed's CIB (the thesis' web cluster), the one copy the tests load or
# derive theirs from.
SEED_CIB="$(cd "$HERE/../data/cib" && pwd)/seed.xml"
WORK=$(mktemp -d /tmp/vigild-it.XXXXXX)

# The programs run inside the nodes, from another working directory.
case $VIGILD in /*) ;; *) VIGILD="$PWD/$VIGILD" ;; esac
case $CLIENT in /*) ;; *) CLIENT="$PWD/$CLIENT" ;; esac

# shellcheck source=tests/lab/harness.sh
. "$HERE/../lab/harness.sh"
harness_require corosync nsenter unshare ip xmllint "$VIGILD" "$CLIENT"
[ -r "$SEED_CIB" ] || fail "the seed's CIB $SEED_CIB is missing"

cleanup() {
    rc=$?
    if [ "$rc" != 0 ]; then
        for n in $NODES; do
            for f in "$WORK/$n"-*.log; do
                [ -e "$f" ] || continue
                echo "---- $f (last 40 lines)"
                tail -n 40 "$f"
            done
        done
    fi
    # Daemons die with their nodes: lab down kills by PID, node by node.
    sh "$LAB" down || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_corosync() {
    lab spawn "$1" "$WORK/$1-corosync.log" corosync -f >"$WORK/$1-corosync.pid"
}
start_vigild() {
    lab spawn "$1" "$WORK/$1-vigild.log" "$VIGILD" >"$WORK/$1-vigild.pid"
}

# "n online members, DC cluster1" as seen from node $1.
sees() {
    node=$1
    want_online=$2
    want_dc=$3
    out=$(client "$node" status) || return 1
    [ "$(echo "$out" | grep -c ' online$')" = "$want_online" ] || return 1
    echo "$out" | head -n 1 | grep -q " dc=$want_dc " || return 1
}

same_digest() {
    first=""
    for n in "$@"; do
        d=$(client "$n" digest) || return 1
        [ -n "$first" ] || first=$d
        [ "$d" = "$first" ] || return 1
    done
}

# corosync.conf (knet on the heartbeat ring, crypto on) and a fresh authkey
# on the directors' disks.
setup_corosync() { harness_corosync_conf vigil_it; }

# The nodes expected up; a test updates it as it powers nodes off.
running="cluster1 standby1 standby2"

# The VIP answers the client from $1's external MAC, and no other node of
# $running holds it.
vip_on() {
    want=$1
    lab exec client ip neigh flush dev enp0s3 >/dev/null 2>&1 || true
    lab exec client ping -c 1 -W 0.3 192.168.1.200 >/dev/null 2>&1 || return 1
    mac=$(lab exec client ip neigh show 192.168.1.200 dev enp0s3 | awk '{print $3}')
    [ "$mac" = "$(lab exec "$want" cat /sys/class/net/enp0s3/address)" ] || return 1
    for n in $running; do
        if [ "$n" != "$want" ] && lab exec "$n" ip -o addr show dev enp0s3 | grep -q 192.168.1.200; then
            return 1
        fi
    done
    lab exec "$want" ip -o addr show dev enp0s8 | grep -q 10.0.100.200
}

# up_directors BOOT [client]: a fresh lab of the three directors (and the
# client node if asked), corosync configured, each director booted by the
# function BOOT, and all three seeing each other with DC cluster1.
up_directors() {
    lab down
    # shellcheck disable=SC2086 # the optional client node
    lab up $NODES ${2:-}
    setup_corosync
    for n in $NODES; do "$1" "$n"; done
    for n in $NODES; do
        wait_for 60 sees "$n" 3 cluster1 || fail "$n does not see 3 members with DC cluster1"
    done
    running="cluster1 standby1 standby2"
}
