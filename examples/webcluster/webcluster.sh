#!/bin/sh
# The seed's web cluster on the namespace lab (tests/lab/lab.sh), managed by
# Vigil. This script only plays the machines and their boot: it creates the
# nodes, starts what a machine's init would start (glusterd on the Gluster
# servers, dockerd on the back ends, corosync and vigild on the cluster
# nodes), prepares the Gluster volumes and the container image, and loads
# webcluster.crm. Every resource (VIPs, HAProxy, Gluster mounts, containers)
# is started by vigild.
#
# Usage: webcluster.sh COMMAND [ARGS]
#   up              tear down leftovers, then build the lab and the cluster
#                   and wait until every resource is started
#   down            stop everything and remove the lab (safe after a failure)
#   boot NODE       start a powered-on node's services (after lab power-on)
#   wait-started [S] wait up to S seconds (default 240) for every resource
#   status          vigil status, seen from the first director that answers
#   vigil NODE ARGS the vigil CLI inside a node
#   client ARGS     a command in the client namespace (curl ...)
#   placements [NODE] "RESOURCE NODE" for every running resource instance,
#                   as NODE's vigild sees it (default: the first director up)
#
# Environment: VIGIL_BUILD (build directory, default REPO/build),
# VIGIL_WC_VARIANT (fencing: "netns", the default, fences with the lab's
# power switch; "seed" loads seed-variant.crm on top: no fencing and
# no-quorum-policy=ignore, as the thesis ran it),
# VIGIL_LAB_PREFIX (default vw-), VIGIL_WC_WORK (scratch directory visible
# inside the nodes, default /tmp/vigil-webcluster-PREFIX).
#
# shellcheck disable=SC2016 # the single-quoted scripts run inside the nodes
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LAB="$REPO/tests/lab/lab.sh"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vw-}"
P=$VIGIL_LAB_PREFIX
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${P%-}}"
BUILD=${VIGIL_BUILD:-$REPO/build}
case $BUILD in /*) ;; *) BUILD="$PWD/$BUILD" ;; esac
VIGILD="$BUILD/daemons/vigild/vigild"
VIGIL="$BUILD/tools/vigil/vigil"
# Not under /run: every node has a /run of its own and must see this.
WORK=${VIGIL_WC_WORK:-/tmp/vigil-webcluster-${P%-}}

DIRECTORS="cluster1 standby1 standby2"
BACKENDS="cluster2 cluster3 cluster4"
GLUSTERS="gluster1 gluster2 gluster3"
CLUSTER_NODES="$DIRECTORS $BACKENDS"
ALL_NODES="$CLUSTER_NODES $GLUSTERS nas client"
IMAGE=vigil-web:1
VARIANT=${VIGIL_WC_VARIANT:-netns}
case $VARIANT in netns | seed) ;; *) echo "webcluster: VIGIL_WC_VARIANT must be netns or seed" >&2 && exit 1 ;; esac
GSYNCD=/usr/lib/x86_64-linux-gnu/glusterfs/gsyncd

say() { echo "webcluster: $*"; }
die() {
    echo "webcluster: $*" >&2
    exit 1
}
lab() { sh "$LAB" "$@"; }
now_ms() { date +%s%3N; }

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

role_of() {
    case " $DIRECTORS " in *" $1 "*) echo director && return ;; esac
    case " $BACKENDS " in *" $1 "*) echo backend && return ;; esac
    case " $GLUSTERS " in *" $1 "*) echo gluster && return ;; esac
    echo other
}

check_programs() {
    [ "$(id -u)" = 0 ] || die "needs root (network namespaces, mounts)"
    for prog in corosync glusterd gluster dockerd docker haproxy busybox php-cgi socat curl \
        nsenter unshare ip mount.glusterfs; do
        command -v "$prog" >/dev/null 2>&1 || die "required program '$prog' not found (sh scripts/install-deps.sh)"
    done
    [ -x "$VIGILD" ] || die "vigild not built at $VIGILD (set VIGIL_BUILD or build first)"
    [ -x "$VIGIL" ] || die "vigil not built at $VIGIL (set VIGIL_BUILD or build first)"
    [ -e "$GSYNCD" ] || die "$GSYNCD missing (package glusterfs-server)"
    [ -c /dev/fuse ] || die "/dev/fuse missing"
}

# An OCF root that holds Vigil's agents from this tree and resource-agents'
# shell functions, so nothing is installed system-wide.
make_ocf_root() {
    mkdir -p "$WORK/ocf/resource.d" "$WORK/ocf/lib"
    ln -sfn "$REPO/agents/ocf" "$WORK/ocf/resource.d/vigil"
    ln -sfn /usr/lib/ocf/lib/heartbeat "$WORK/ocf/lib/heartbeat"
    ln -sfn "$REPO/agents/lib" "$WORK/ocf/lib/vigil"
}

pidfile() { echo "$WORK/pids/$1-$2.pid"; }

# spawn NODE NAME CMD...: a daemon in the node, its PID and log kept.
spawn() {
    _node=$1
    _name=$2
    shift 2
    mkdir -p "$WORK/pids" "$WORK/logs"
    lab spawn "$_node" "$WORK/logs/$_node-$_name.log" "$@" >"$(pidfile "$_node" "$_name")"
}

alive() { kill -0 "$(cat "$(pidfile "$1" "$2")" 2>/dev/null)" 2>/dev/null; }

# ---- Gluster servers -------------------------------------------------------

boot_gluster() {
    node=$1
    disk="$VIGIL_LAB_STATE/disk/$node"
    mkdir -p "$disk/var-lib/glusterd" "$disk/var-lib/bricks" "$disk/var-lib/glusterfs-log"
    if [ -d /var/lib/glusterd/groups ] && [ ! -d "$disk/var-lib/glusterd/groups" ]; then
        # Only the option groups: the packaged hook scripts slow every volume op.
        cp -r /var/lib/glusterd/groups "$disk/var-lib/glusterd/"
    fi
    # glusterd's init runs gsyncd about twenty times; a stub that answers
    # --version makes it start in well under a second.
    printf '#!/bin/sh\necho "gsyncd (stub: no geo-replication in the lab)"\n' >"$WORK/gsyncd-stub"
    chmod 755 "$WORK/gsyncd-stub"
    lab exec "$node" sh -euc '
        mountpoint -q "$1" || mount --bind "$2" "$1"
        mountpoint -q /var/log/glusterfs || mount --bind /var/lib/glusterfs-log /var/log/glusterfs' \
        sh "$GSYNCD" "$WORK/gsyncd-stub"
    spawn "$node" glusterd glusterd -N
    wait_for 30 gl "$node" peer status || die "glusterd on $node does not answer: $(tail -n 5 "$WORK/logs/$node-glusterd.log")"
}

gl() {
    _n=$1
    shift
    lab exec "$_n" gluster --mode=script "$@"
}

gluster_addr() { lab addr "$1" enp0s8; }

peers_connected() { [ "$(gl gluster1 peer status | grep -c 'Peer in Cluster (Connected)')" -eq 2 ]; }

setup_gluster() {
    for n in $GLUSTERS; do boot_gluster "$n"; done
    g1=$(gluster_addr gluster1)
    g2=$(gluster_addr gluster2)
    g3=$(gluster_addr gluster3)
    gl gluster1 peer probe "$g2" >/dev/null
    gl gluster1 peer probe "$g3" >/dev/null
    wait_for 60 peers_connected || die "gluster peers not connected: $(gl gluster1 peer status)"
    b=/var/lib/bricks
    # force: the bricks live on the nodes' root file system.
    gl gluster1 volume create gv0 replica 3 "$g1:$b/gv0" "$g2:$b/gv0" "$g3:$b/gv0" force >/dev/null
    gl gluster1 volume create gv1 "$g1:$b/gv1" "$g2:$b/gv1" "$g3:$b/gv1" force >/dev/null
    for v in gv0 gv1; do
        # A server that vanishes without a TCP reset stalls clients for
        # ping-timeout (42 s by default); set before any client mounts.
        gl gluster1 volume set "$v" network.ping-timeout 5 >/dev/null
        gl gluster1 volume start "$v" >/dev/null
    done
    # The web content, written once through a FUSE mount on gluster1:
    # www serves the Gluster containers, nas-www stands in for the NAS export.
    python3 "$HERE/www/gen-image.py" "$WORK/imagen.png"
    lab exec gluster1 sh -euc '
        mkdir -p /run/wc-seed
        mount -t glusterfs -o log-file=/var/log/glusterfs/seed.log localhost:/gv0 /run/wc-seed
        for d in www nas-www; do
            mkdir -p /run/wc-seed/$d
            cp "$1"/index.html "$1"/index.php "$1"/pi.php "$1"/imagen.html "$2" /run/wc-seed/$d/
        done
        umount /run/wc-seed' sh "$HERE/www" "$WORK/imagen.png"
}

# ---- Back ends: container engine ------------------------------------------

# The node's mount namespace has its own sysfs, which hides the host's
# cgroup hierarchies; dockerd needs them back.
mount_cgroups() {
    _node=$1
    _spec=$(awk '$3 == "cgroup" || $3 == "cgroup2" {print $2 "|" $3 "|" $4}' /proc/self/mounts)
    _top=$(awk '$2 == "/sys/fs/cgroup" {print $3; exit}' /proc/self/mounts)
    # shellcheck disable=SC2086 # one word per hierarchy
    lab exec "$_node" sh -euc '
        top=$1
        shift
        # The host'"'"'s cgroup mounts are still listed, but under the node'"'"'s
        # sysfs: what counts is whether the directory shows anything.
        [ -z "$(ls /sys/fs/cgroup)" ] || exit 0
        if [ "$top" = tmpfs ]; then mount -t tmpfs -o mode=0755 cgroup /sys/fs/cgroup; fi
        for s in "$@"; do
            dir=${s%%|*}; rest=${s#*|}; type=${rest%%|*}; opts=${rest#*|}
            mkdir -p "$dir"
            mount -t "$type" -o "$opts" cgroup "$dir"
        done' sh "$_top" $_spec
}

dk() {
    _n=$1
    shift
    lab exec "$_n" docker "$@"
}

boot_backend() {
    node=$1
    mount_cgroups "$node"
    # Host networking for the containers: they live in the node's network
    # namespace, so powering the node off kills them as it would a machine.
    spawn "$node" dockerd dockerd --bridge=none --iptables=false --ip-masq=false \
        --storage-driver overlay2 --log-level warn
    wait_for 60 dk "$node" version || die "dockerd on $node did not come up: $(tail -n 5 "$WORK/logs/$node-dockerd.log")"
    if ! dk "$node" image inspect "$IMAGE" >/dev/null 2>&1; then
        [ -s "$WORK/vigil-web.tar" ] || sh "$HERE/image/build.sh" "$WORK/vigil-web.tar"
        lab exec "$node" sh -c 'docker import -c "CMD [\"/bin/httpd\",\"-f\",\"-p\",\"80\",\"-h\",\"/www\",\"-c\",\"/etc/httpd.conf\"]" - "$1" <"$2" >/dev/null' \
            sh "$IMAGE" "$WORK/vigil-web.tar" || die "docker import on $node failed"
    fi
}

# The image, then a dockerd with it on every back end (in parallel); fails
# if any back end's engine did not come up.
engines() {
    sh "$HERE/image/build.sh" "$WORK/vigil-web.tar" || return 1
    _pids=""
    for _b in $BACKENDS; do
        boot_backend "$_b" &
        _pids="$_pids $!"
    done
    _rc=0
    for _p in $_pids; do wait "$_p" || _rc=1; done
    return "$_rc"
}

# ---- Cluster nodes: corosync and vigild -----------------------------------

setup_corosync() {
    rm -rf "$WORK/corosync"
    mkdir -p "$WORK/corosync"
    set --
    for n in $CLUSTER_NODES; do set -- "$@" "$n=$(lab addr "$n" enp0s9)"; done
    (cd "$WORK/corosync" && "$VIGIL" cluster setup webcluster "$@" --output "$WORK/corosync" >/dev/null) ||
        die "vigil cluster setup failed"
    for n in $CLUSTER_NODES; do
        etc="$VIGIL_LAB_STATE/disk/$n/etc-corosync"
        cp "$WORK/corosync/corosync.conf" "$WORK/corosync/authkey" "$etc/"
        chmod 400 "$etc/authkey"
    done
}

# The lab's power switch (fence_vigil_netns) names nodes by their network
# namespaces under /run/netns, which a node's own /run hides. The host's
# directory cannot be bind-mounted into the node's mount namespace (the
# kernel refuses a bind across mount namespaces, and /proc/1/root may be out
# of reach), but a namespace file can be: each lab node's is bound into the
# node's /run/netns, reached through this shell's root. mount must not
# canonicalize that path: it would turn it into the node's own /run/netns.
# The binds last as long as the node's /run, that is until its power-off.
show_netns() {
    _into=$1
    set --
    for _n in $ALL_NODES; do set -- "$@" "$P$_n"; done
    lab exec "$_into" sh -euc '
        root=$1
        shift
        mkdir -p /run/netns
        for ns in "$@"; do
            mountpoint -q "/run/netns/$ns" && continue
            : >"/run/netns/$ns"
            mount --no-canonicalize --bind "$root/run/netns/$ns" "/run/netns/$ns"
        done' sh "/proc/$$/root" "$@" || die "cannot show the lab's namespaces in $_into"
}

# fence_vigil_netns inside NODE lists every cluster node and can read its
# power state (status: 0 on, 2 off; 1 is an error).
fence_sees_all() {
    _seen=$(lab exec "$1" "$REPO/agents/fence/fence_vigil_netns" -o list --netns_prefix="$P") || return 1
    for _n in $CLUSTER_NODES; do
        echo "$_seen" | grep -qx "$_n" || return 1
        _rc=0
        lab exec "$1" "$REPO/agents/fence/fence_vigil_netns" -o status -n "$_n" --netns_prefix="$P" || _rc=$?
        [ "$_rc" = 0 ] || [ "$_rc" = 2 ] || return 1
    done
}

boot_cluster_node() {
    show_netns "$1"
    fence_sees_all "$1" || die "fence_vigil_netns inside $1 does not see every cluster node on"
    spawn "$1" corosync corosync -f
    # Fence agents are found on PATH, Vigil's from this tree first.
    spawn "$1" vigild env PATH="$REPO/agents/fence:$PATH" "$VIGILD" --ocf-root "$WORK/ocf"
}

# A machine that was powered off comes back with only the addresses its
# configuration gives it: runtime ones (a virtual IP it held) are gone. The
# lab keeps a namespace's addresses across power-off, so boot resets them.
reset_addresses() {
    for _ifc in $(ip -n "$P$1" -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | grep '^enp'); do
        _addr=$(lab addr "$1" "$_ifc")
        ip -n "$P$1" addr flush dev "$_ifc"
        ip -n "$P$1" addr add "$_addr/24" dev "$_ifc"
    done
}

boot() {
    node=$1
    reset_addresses "$node"
    case $(role_of "$node") in
        director) boot_cluster_node "$node" ;;
        backend)
            boot_backend "$node"
            boot_cluster_node "$node"
            ;;
        gluster) boot_gluster "$node" ;;
        *) ;;
    esac
}

vigil_in() {
    _n=$1
    shift
    lab exec "$_n" "$VIGIL" "$@"
}

# A node's vigild answers and sees every cluster node online.
all_online() {
    _out=$(vigil_in "$1" status 2>/dev/null) || return 1
    for _n in $CLUSTER_NODES; do
        echo "$_out" | grep -A1 '^Node List' | grep -q "Online:.* $_n " || return 1
    done
}

# "RESOURCE NODE" for every running instance, from the XML status.
placements() {
    vigil_in "$1" status --output-as=xml | awk '
        /<resource id="/ { match($0, /id="[^"]*"/); rsc = substr($0, RSTART + 4, RLENGTH - 5) }
        /<running node="/ { match($0, /node="[^"]*"/); print rsc, substr($0, RSTART + 6, RLENGTH - 7) }'
}

# Every resource runs where the configuration allows it, nothing failed:
# the VIPs and HAProxy on one director, Gluster on the three back ends,
# each container on its own back end.
all_started() {
    _st=$(vigil_in "$1" status --output-as=xml 2>/dev/null) || return 1
    echo "$_st" | grep -q 'failed="true"' && return 1
    _pl=$(placements "$1") || return 1
    [ "$(echo "$_pl" | grep -c '^gfs-r ')" = 3 ] || return 1
    for _r in IPVirtual_1 IPVirtual_2 HAProxy; do
        [ "$(echo "$_pl" | grep -c "^$_r ")" = 1 ] || return 1
    done
    for _b in 2 3 4; do
        for _i in 1 2 3 4; do
            echo "$_pl" | grep -qx "cluster$_b${_i}p cluster$_b" || return 1
        done
    done
}

first_director() {
    for n in $DIRECTORS; do
        if lab exec "$n" "$VIGIL" status >/dev/null 2>&1; then
            echo "$n"
            return 0
        fi
    done
    return 1
}

# vigil ARGS on cluster1, again when the CIB changed under it (results of
# the actions the previous load started land in the CIB meanwhile).
vigil_retry() {
    _try=1
    while ! vigil_in cluster1 "$@"; do
        [ "$_try" -lt 10 ] || return 1
        _try=$((_try + 1))
        sleep 1
    done
}

load_config() {
    sed -e "s#@WC_DIR@#$HERE#g" -e "s#@LAB_PREFIX@#$P#g" "$HERE/webcluster.crm" >"$WORK/webcluster.crm"
    vigil_retry configure load replace "$WORK/webcluster.crm" ||
        die "vigil configure load failed"
    if [ "$VARIANT" = seed ]; then
        say "seed variant: stonith:null, stonith-enabled=false, no-quorum-policy=ignore"
        vigil_retry configure load update "$HERE/seed-variant.crm" ||
            die "vigil configure load of seed-variant.crm failed"
    fi
}

wait_started() {
    limit=${1:-240}
    wait_for "$limit" all_started cluster1
}

# ---- Commands --------------------------------------------------------------

show_logs() {
    for f in "$WORK"/logs/*.log; do
        [ -s "$f" ] || continue
        echo "---- $f (last 15 lines)" >&2
        tail -n 15 "$f" >&2
    done
}

down() {
    # Containers and FUSE mounts die with their nodes: lab down kills every
    # process of each node by PID, then removes namespaces and disks.
    if [ -d "$VIGIL_LAB_STATE" ] || ip netns list | grep -q "^$P"; then
        lab down
    fi
    # Docker's one global file, created by the first dockerd if missing.
    if [ -e "$WORK/created-docker-key" ]; then
        rm -f /etc/docker/key.json
        rmdir /etc/docker 2>/dev/null || true
    fi
    # The back ends share the host's root file system: the mount point the
    # Gluster agent created there stays behind as an empty directory.
    if [ -e "$WORK/created-gluster-dir" ]; then
        rmdir /gluster/gfs-r /gluster 2>/dev/null || true
    fi
    rm -rf "$WORK"
}

on_up_exit() {
    _rc=$?
    if [ "$_rc" != 0 ] && [ "${VIGIL_WC_KEEP:-0}" != 1 ]; then
        show_logs
        down
    fi
    exit "$_rc"
}

up() {
    check_programs
    down
    # A failed bring-up leaves nothing behind (VIGIL_WC_KEEP=1 keeps it to look at).
    trap on_up_exit EXIT
    # An interrupted bring-up (Ctrl-C) cleans up too: the shell runs the
    # EXIT trap only when it exits, not when a signal kills it.
    trap 'exit 130' INT TERM
    mkdir -p "$WORK/logs" "$WORK/pids"
    [ -e /etc/docker/key.json ] || touch "$WORK/created-docker-key"
    [ -e /gluster ] || touch "$WORK/created-gluster-dir"
    t0=$(now_ms)
    say "lab: $ALL_NODES (prefix $P)"
    # shellcheck disable=SC2086 # node list
    lab up $ALL_NODES
    make_ocf_root
    # The machines boot side by side, as real ones would: the cluster forms
    # and the container engines start while the Gluster servers make their
    # volumes. Nothing is placed before webcluster.crm is loaded.
    say "corosync (crypto on) and vigild on $CLUSTER_NODES"
    setup_corosync
    for n in $CLUSTER_NODES; do boot_cluster_node "$n"; done
    say "container image $IMAGE (busybox httpd + php-cgi from Debian packages), dockerd on $BACKENDS"
    engines >"$WORK/logs/engines.log" 2>&1 &
    engines_pid=$!
    say "the NAS's NFS export cannot be served here (this kernel has no NFS server or client):"
    say "  the NFS-backed containers (ports 8081-8083) serve a copy on Gluster volume gv0 instead"
    say "gluster: glusterd on $GLUSTERS, volumes gv0 (replica 3) and gv1 (distributed)"
    setup_gluster
    wait "$engines_pid" || die "the container engines did not come up: $(tail -n 5 "$WORK/logs/engines.log")"
    for n in $BACKENDS; do dk "$n" image inspect "$IMAGE" >/dev/null 2>&1 || die "no image on $n"; done
    for n in $CLUSTER_NODES; do
        wait_for 90 all_online "$n" || die "$n does not see every cluster node online"
    done
    t1=$(now_ms)
    say "loading webcluster.crm"
    load_config
    say "waiting for vigild to start every resource"
    if ! wait_started 300; then
        vigil_in cluster1 status || true
        die "not every resource started within 300 s"
    fi
    t2=$(now_ms)
    echo "$(((t2 - t0) / 1000))" >"$WORK/bringup-seconds"
    say "cluster up in $(((t2 - t0) / 1000)) s (config load to all started: $(((t2 - t1) / 1000)) s)"
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: webcluster.sh up|down|boot NODE|wait-started [S]|status|vigil NODE ARGS|client ARGS"
shift
case $cmd in
    up) up ;;
    down) down ;;
    boot) boot "${1:?node}" ;;
    wait-started) wait_started "${1:-240}" ;;
    status)
        d=$(first_director) || die "no director answers"
        vigil_in "$d" status
        ;;
    vigil)
        n=${1:?node}
        shift
        vigil_in "$n" "$@"
        ;;
    client) lab exec client "$@" ;;
    placements)
        d=${1:-}
        [ -n "$d" ] || d=$(first_director) || die "no director answers"
        placements "$d"
        ;;
    *) die "unknown command '$cmd'" ;;
esac
