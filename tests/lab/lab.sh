#!/bin/sh
# The seed's machines as Linux namespaces on one host.
#
# Each node is a network namespace plus a persistent private mount and UTS
# namespace (bound to files under the lab's state directory), so daemons in
# it get their own hostname, /run, /dev/shm (corosync's libqb IPC lives
# there), /sys for their own interfaces, and a /var/lib and /etc/corosync
# that survive a power cycle like a disk would. The three networks are
# bridges inside a dedicated lab namespace: no route and no NAT to the host.
#
# Usage: lab.sh COMMAND [ARGS]
#   up [NODE...]             create the lab (default: the three directors)
#   down                     destroy everything with this prefix (safe after a failed run)
#   power-off NODE           kill every process in the node, links down, /run wiped
#   power-on NODE            fresh /run and /dev/shm, links up
#   cut NODE [IFACE...]      unplug cables (default: all the node's interfaces)
#   restore NODE [IFACE...]  plug them back
#   ps NODE                  list the node's processes
#   pids NODE                the node's process ids, one a line
#   exec NODE CMD [ARG...]   run a command in the node (foreground)
#   spawn NODE LOG CMD...    start a command in the node in the background; prints its PID
#   nodes                    the nodes that are up
#   addr NODE IFACE          the node's address on that interface
#
# Environment: VIGIL_LAB_PREFIX (default "vl-") names the namespaces, so
# suites running in parallel do not collide; VIGIL_LAB_STATE (default
# /run/vigil-lab/$prefix) holds the namespace files and the nodes' disks.
set -eu

P=${VIGIL_LAB_PREFIX:-vl-}
STATE=${VIGIL_LAB_STATE:-/run/vigil-lab/${P%-}}
LABNS=${P}lab

die() {
    echo "lab: $*" >&2
    exit 1
}

# The seed's address plan: node -> "iface:address ..." (SUMMARY.md). The
# client is not in the seed; it stands for a user on the external network.
node_ifaces() {
    case $1 in
        cluster1) echo "enp0s3:192.168.1.101 enp0s8:10.0.100.1 enp0s9:10.0.50.1" ;;
        standby1) echo "enp0s3:192.168.1.102 enp0s8:10.0.100.50 enp0s9:10.0.50.2" ;;
        standby2) echo "enp0s3:192.168.1.103 enp0s8:10.0.100.51 enp0s9:10.0.50.3" ;;
        # The back ends join the heartbeat ring too when the cluster manages
        # their containers (examples/webcluster); the seed ran corosync on
        # the directors only.
        cluster2) echo "enp0s8:10.0.100.2 enp0s9:10.0.50.4" ;;
        cluster3) echo "enp0s8:10.0.100.3 enp0s9:10.0.50.5" ;;
        cluster4) echo "enp0s8:10.0.100.4 enp0s9:10.0.50.6" ;;
        gluster1) echo "enp0s8:10.0.100.5" ;;
        gluster2) echo "enp0s8:10.0.100.6" ;;
        gluster3) echo "enp0s8:10.0.100.7" ;;
        nas) echo "enp0s8:10.0.100.100" ;;
        client) echo "enp0s3:192.168.1.50" ;;
        *) die "unknown node '$1' (known: cluster1..4 standby1 standby2 gluster1..3 nas client)" ;;
    esac
}

bridge_of() {
    case $1 in
        enp0s3) echo ext ;;
        enp0s8) echo int ;;
        enp0s9) echo hb ;;
        *) die "unknown interface '$1'" ;;
    esac
}

# The lab-side end of a node's cable: "<node>-<s3|s8|s9>", under IFNAMSIZ.
port_of() {
    echo "$1-${2#enp0}"
}

nsfile() {
    echo "$STATE/ns/$1.$2"
}

is_up() {
    [ -e "/run/netns/$P$1" ]
}

require_node() {
    node_ifaces "$1" >/dev/null
    is_up "$1" || die "node '$1' is not up (lab prefix '$P')"
}

# The state directory holds bind-mounted namespace files; it must be a
# private mount or the kernel refuses to bind them.
ensure_state() {
    mkdir -p "$STATE/ns" "$STATE/disk"
    if ! mountpoint -q "$STATE/ns"; then
        mount --bind "$STATE/ns" "$STATE/ns"
        mount --make-private "$STATE/ns"
    fi
}

lab_up() {
    ip netns list | grep -qx "$LABNS\( .*\)\?" && return 0
    ip netns add "$LABNS"
    ip -n "$LABNS" link set lo up
    for br in ext int hb; do
        ip -n "$LABNS" link add "$br" type bridge
        # No STP delay: links come up forwarding, as a switch port would.
        ip -n "$LABNS" link set "$br" type bridge forward_delay 0 stp_state 0
        ip -n "$LABNS" link set "$br" up
    done
}

# A fresh mount + UTS namespace for a node: tmpfs /run and /dev/shm (what a
# boot gives), its own sysfs (so /sys/class/net shows its interfaces), and
# its disk directories bound over /var/lib and /etc/corosync
# (before /run is covered: the disks live under the state directory).
make_mountns() {
    node=$1
    disk=$STATE/disk/$node
    mkdir -p "$disk/var-lib/corosync" "$disk/var-lib/vigil" "$disk/etc-corosync" "$disk/log"
    touch "$(nsfile "$node" mnt)" "$(nsfile "$node" uts)"
    # shellcheck disable=SC2016 # expanded by the inner shell
    nsenter --net="/run/netns/$P$node" \
        unshare --mount="$(nsfile "$node" mnt)" --uts="$(nsfile "$node" uts)" \
        --propagation private sh -eu -c '
            mount --bind "$1/var-lib" /var/lib
            if [ -d /etc/corosync ]; then mount --bind "$1/etc-corosync" /etc/corosync; fi
            mount -t tmpfs -o mode=0755 run /run
            mkdir -p /run/lock
            mount -t tmpfs -o mode=1777 shm /dev/shm
            mount -t sysfs sysfs /sys
            hostname "$2"' sh "$disk" "$node"
}

drop_mountns() {
    for kind in mnt uts; do
        f=$(nsfile "$1" "$kind")
        if mountpoint -q "$f" 2>/dev/null; then umount "$f"; fi
        rm -f "$f"
    done
}

node_up() {
    node=$1
    if is_up "$node"; then
        # Left over from an interrupted run: give it back its namespaces.
        mountpoint -q "$(nsfile "$node" mnt)" 2>/dev/null || make_mountns "$node"
        return 0
    fi
    ifaces=$(node_ifaces "$node")
    ns=$P$node
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    for spec in $ifaces; do
        ifc=${spec%%:*}
        addr=${spec#*:}
        port=$(port_of "$node" "$ifc")
        ip -n "$LABNS" link add "$port" type veth peer name "$ifc" netns "$ns"
        ip -n "$LABNS" link set "$port" master "$(bridge_of "$ifc")" up
        ip -n "$ns" addr add "$addr/24" dev "$ifc"
        ip -n "$ns" link set "$ifc" up
    done
    make_mountns "$node"
}

# Every process whose network or mount namespace is the node's. One ls
# reads every process's namespace links at once ("net:[INODE]"): a stat
# per process took seconds per node with a lab's worth of processes.
node_pids() {
    node=$1
    netino=$(stat -L -c %i "/run/netns/$P$node" 2>/dev/null || true)
    mntino=$(stat -L -c %i "$(nsfile "$node" mnt)" 2>/dev/null || true)
    # shellcheck disable=SC2012 # ls -l prints the links' targets
    ls -l /proc/[0-9]*/ns/net /proc/[0-9]*/ns/mnt 2>/dev/null |
        awk -v net="${netino:+net:[$netino]}" -v mnt="${mntino:+mnt:[$mntino]}" -v self="$$" '
            (net != "" && $NF == net) || (mnt != "" && $NF == mnt) {
                split($(NF - 2), p, "/")
                if (p[3] != self) print p[3]
            }' | sort -un
}

# SIGKILL, like pulling the power cord; repeat for children forked meanwhile.
kill_node() {
    tries=0
    while :; do
        pids=$(node_pids "$1")
        [ -z "$pids" ] && return 0
        tries=$((tries + 1))
        [ "$tries" -gt 50 ] && die "processes in $1 survive SIGKILL: $pids"
        # shellcheck disable=SC2086 # one word per pid
        kill -KILL $pids 2>/dev/null || true
        sleep 0.1
    done
}

set_links() {
    node=$1
    state=$2
    shift 2
    ifaces=$*
    if [ -z "$ifaces" ]; then
        for spec in $(node_ifaces "$node"); do ifaces="$ifaces ${spec%%:*}"; done
    fi
    for ifc in $ifaces; do
        bridge_of "$ifc" >/dev/null
        ip -n "$LABNS" link set "$(port_of "$node" "$ifc")" "$state"
    done
}

power_off() {
    require_node "$1"
    kill_node "$1"
    set_links "$1" down
    # A powered-off machine loses its running network configuration (a VIP
    # an agent added, say), /run and /dev/shm; its disk stays.
    for spec in $(node_ifaces "$1"); do
        ip -n "$P$1" link set "${spec%%:*}" down
        ip -n "$P$1" addr flush dev "${spec%%:*}"
    done
    drop_mountns "$1"
}

power_on() {
    require_node "$1"
    if ! mountpoint -q "$(nsfile "$1" mnt)" 2>/dev/null; then make_mountns "$1"; fi
    for spec in $(node_ifaces "$1"); do
        ifc=${spec%%:*}
        ip -n "$P$1" addr flush dev "$ifc"
        ip -n "$P$1" addr add "${spec#*:}/24" dev "$ifc"
        ip -n "$P$1" link set "$ifc" up
    done
    set_links "$1" up
}

in_node() {
    node=$1
    shift
    require_node "$node"
    mountpoint -q "$(nsfile "$node" mnt)" || die "node '$node' is powered off"
    exec nsenter --net="/run/netns/$P$node" --mount="$(nsfile "$node" mnt)" \
        --uts="$(nsfile "$node" uts)" -- "$@"
}

lab_down() {
    for ns in $(ip netns list | awk '{print $1}'); do
        case $ns in
            "$LABNS") ;;
            "$P"*) kill_node "${ns#"$P"}" ;;
        esac
    done
    if [ -d "$STATE/ns" ]; then
        for f in "$STATE"/ns/*; do
            [ -e "$f" ] || continue
            if mountpoint -q "$f"; then umount "$f"; fi
            rm -f "$f"
        done
        if mountpoint -q "$STATE/ns"; then umount "$STATE/ns"; fi
    fi
    for ns in $(ip netns list | awk '{print $1}'); do
        case $ns in
            "$P"*) ip netns del "$ns" ;;
        esac
    done
    rm -rf "$STATE"
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: lab.sh up|down|power-off|power-on|cut|restore|ps|pids|exec|spawn|nodes|addr ..."
shift
case $cmd in
    up)
        [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
        [ $# -gt 0 ] || set -- cluster1 standby1 standby2
        for n in "$@"; do node_ifaces "$n" >/dev/null; done
        ensure_state
        lab_up
        for n in "$@"; do node_up "$n"; done
        ;;
    down) lab_down ;;
    power-off) power_off "${1:?node}" ;;
    power-on) power_on "${1:?node}" ;;
    cut)
        node=${1:?node}
        shift
        require_node "$node"
        set_links "$node" down "$@"
        ;;
    restore)
        node=${1:?node}
        shift
        require_node "$node"
        set_links "$node" up "$@"
        ;;
    pids)
        require_node "${1:?node}"
        node_pids "$1"
        ;;
    ps)
        require_node "${1:?node}"
        pids=$(node_pids "$1" | tr '\n' ',')
        [ -z "$pids" ] || ps -o pid,ppid,rss,etime,args -p "${pids%,}"
        ;;
    exec)
        node=${1:?node}
        shift
        in_node "$node" "$@"
        ;;
    spawn)
        node=${1:?node}
        log=${2:?log file}
        shift 2
        require_node "$node"
        # nsenter execs the command (no fork for these namespaces), so $!
        # is the daemon's own PID.
        nsenter --net="/run/netns/$P$node" --mount="$(nsfile "$node" mnt)" \
            --uts="$(nsfile "$node" uts)" -- "$@" </dev/null >"$log" 2>&1 &
        echo $!
        ;;
    nodes)
        for ns in $(ip netns list | awk '{print $1}'); do
            case $ns in
                "$LABNS") ;;
                "$P"*) echo "${ns#"$P"}" ;;
            esac
        done
        ;;
    addr)
        for spec in $(node_ifaces "${1:?node}"); do
            [ "${spec%%:*}" = "${2:?iface}" ] && echo "${spec#*:}" && exit 0
        done
        die "node '$1' has no interface '$2'"
        ;;
    *) die "unknown command '$cmd'" ;;
esac
