#!/bin/sh
# glustermount agent with real GlusterFS: three servers, each a network
# namespace with its own glusterd (private mount namespace holding its
# /var/lib/glusterd, logs and /run), a replica-3 volume gv0 and a
# distributed volume gv1, mounted from a client namespace. Checks:
# ocf-tester; refusal of busy and submounted mount points; 100 files; one
# server powered off (fence_vigil_netns: links down, processes killed) ->
# gv0 still readable and writable and the depth-20 monitor still OK; stop
# of a busy mount kills its user; all servers off -> the depth-20 monitor
# fails within its deadline instead of hanging, and stop still unmounts.
. "$(dirname "$0")/lib.sh"
need glusterd gluster nsenter unshare ocf-tester
[ -x /sbin/mount.glusterfs ] || die "mount.glusterfs missing (package glusterfs-client)"
[ -c /dev/fuse ] || die "/dev/fuse missing"
GSYNCD=/usr/lib/x86_64-linux-gnu/glusterfs/gsyncd
[ -e "$GSYNCD" ] || die "$GSYNCD missing (package glusterfs-server)"

P=vag-$TAG-
BR=${P}gbr
GC=${P}gcl
G="$W/gl"
lab_bridge "$BR"
netns "$GC"
lab_node "$BR" "$GC" eth0 10.83.0.10/24
mkdir -p "$G"

# Mounts of this test (FUSE mounts, tmpfs) go before the namespaces.
on_exit umount_ours
umount_ours() {
	grep -o " $W/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
}

# glusterd's init runs gsyncd many times (seconds each): a stub that only
# answers --version makes it start in well under a second.
printf '#!/bin/sh\necho "gsyncd (stub for tests)"\nexit 0\n' >"$G/gsyncd-stub"
chmod 755 "$G/gsyncd-stub"

start_server() {
	_n=$1
	_d="$G/n$_n"
	mkdir -p "$_d/lib" "$_d/log" "$_d/bricks"
	# Only the option groups: the packaged hook scripts slow volume ops.
	[ -d /var/lib/glusterd/groups ] && cp -r /var/lib/glusterd/groups "$_d/lib/"
	ip netns exec "${P}g$_n" unshare --mount --propagation private sh -c "
		mount --bind '$G/gsyncd-stub' '$GSYNCD' &&
		mount --bind '$_d/lib' /var/lib/glusterd &&
		mount --bind '$_d/log' /var/log/glusterfs &&
		mount -t tmpfs tmpfs /run &&
		exec glusterd -N" >"$_d/glusterd.out" 2>&1 &
	eval "gpid$_n=\$!"
}

# gl N ARGS: the gluster CLI in server N's namespaces.
gl() {
	_pid=""
	eval "_pid=\$gpid$1"
	shift
	nsenter -t "$_pid" -m -n gluster --mode=script "$@"
}

is_glusterd() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = glusterd ]; }

t0=$(now_ms)
for n in 1 2 3; do
	netns "${P}g$n"
	lab_node "$BR" "${P}g$n" eth0 "10.83.0.$n/24"
	start_server "$n"
done
for n in 1 2 3; do
	p=""
	eval "p=\$gpid$n"
	# Entering the mount namespace before glusterd has exec'ed would run
	# the CLI against the host's /var/lib/glusterd.
	wait_for 20 is_glusterd "$p" || die "glusterd $n did not start: $(cat "$G/n$n/glusterd.out")"
	wait_for 20 gl "$n" peer status || die "glusterd $n does not answer"
done
note "3 glusterd up in $(($(now_ms) - t0)) ms"

gl 1 peer probe 10.83.0.2 >/dev/null || die "peer probe 2"
gl 1 peer probe 10.83.0.3 >/dev/null || die "peer probe 3"
peers_ok() { [ "$(gl 1 peer status | grep -c 'Peer in Cluster (Connected)')" -eq 2 ]; }
wait_for 30 peers_ok || die "peers not connected: $(gl 1 peer status)"
gl 1 volume create gv0 replica 3 10.83.0.1:"$G/n1/bricks/gv0" 10.83.0.2:"$G/n2/bricks/gv0" 10.83.0.3:"$G/n3/bricks/gv0" force >/dev/null ||
	die "volume create gv0"
gl 1 volume create gv1 10.83.0.1:"$G/n1/bricks/gv1" 10.83.0.2:"$G/n2/bricks/gv1" 10.83.0.3:"$G/n3/bricks/gv1" force >/dev/null ||
	die "volume create gv1"
# Before any mount: the clients read it only when they connect.
for v in gv0 gv1; do
	gl 1 volume set "$v" network.ping-timeout 5 >/dev/null || die "set ping-timeout on $v"
	gl 1 volume start "$v" >/dev/null || die "volume start $v"
done
note "volumes ready at $(($(now_ms) - t0)) ms"

# The agent runs in the client's network namespace but the host's mount
# namespace (nsenter --net, not ip netns exec), as a cluster node would.
gm() {
	_op=$1
	shift
	nsenter --net="/run/netns/$GC" env OCF_RESOURCE_INSTANCE=gm OCF_RESKEY_server=10.83.0.1 \
		OCF_RESKEY_backup_servers="10.83.0.2 10.83.0.3" OCF_RESKEY_CRM_meta_timeout=20000 \
		"$@" "$AG/glustermount" "$_op"
}

note "ocf-tester"
out=$(nsenter --net="/run/netns/$GC" ocf-tester -n gmt -o server=10.83.0.1 -o volume=gv0 \
	-o directory="$W/mnt-tester" -o options=log-file="$G/client-tester.log" "$AG/glustermount" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/    /'
if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "passed all tests"; then ok "ocf-tester glustermount"; else fail "ocf-tester glustermount (rc $rc)"; fi
check "ocf-tester left nothing mounted" sh -c "! grep -q ' $W/mnt-tester ' /proc/mounts"

note "exit codes and refusals"
expect_rc 6 "missing volume" gm validate-all OCF_RESKEY_directory="$W/mnt0"
expect_rc 6 "relative directory" gm validate-all OCF_RESKEY_volume=gv0 OCF_RESKEY_directory=mnt0
expect_rc 0 "validate-all" gm validate-all OCF_RESKEY_volume=gv0 OCF_RESKEY_directory="$W/mnt0"
expect_rc 7 "monitor before start" gm monitor OCF_RESKEY_volume=gv0 OCF_RESKEY_directory="$W/mnt0"
mkdir -p "$W/busy" "$W/sub/inner"
(cd "$W/busy" && exec sleep 600) &
busy=$!
sleep 0.2
expect_rc 1 "start refuses a directory a process works in" gm start OCF_RESKEY_volume=gv0 OCF_RESKEY_directory="$W/busy"
kill "$busy"
wait "$busy" 2>/dev/null
mount -t tmpfs tmpfs "$W/sub/inner"
expect_rc 2 "start refuses a directory with a mount below it" gm start OCF_RESKEY_volume=gv0 OCF_RESKEY_directory="$W/sub"
umount "$W/sub/inner"

note "mount gv0 (replica 3) and gv1 (distributed), 100 files each"
V0="OCF_RESKEY_volume=gv0"
V1="OCF_RESKEY_volume=gv1"
M0="OCF_RESKEY_directory=$W/mnt0"
M1="OCF_RESKEY_directory=$W/mnt1"
O0="OCF_RESKEY_options=log-file=$G/client0.log"
O1="OCF_RESKEY_options=log-file=$G/client1.log"
expect_rc 0 "start gv0" gm start "$V0" "$M0" "$O0"
expect_rc 0 "start gv1" gm start "$V1" "$M1" "$O1"
expect_rc 0 "start gv0 again (idempotent)" gm start "$V0" "$M0" "$O0"
check "gv0 is a fuse.glusterfs mount" grep -q " $W/mnt0 fuse.glusterfs " /proc/mounts
expect_rc 1 "monitor: another volume on the mount point" gm monitor "$V1" "$M0"
expect_rc 0 "monitor gv0 depth 0" gm monitor "$V0" "$M0"
expect_rc 0 "monitor gv0 depth 20" gm monitor "$V0" "$M0" OCF_CHECK_LEVEL=20
expect_rc 0 "monitor gv1 depth 20" gm monitor "$V1" "$M1" OCF_CHECK_LEVEL=20
i=0
while [ "$i" -lt 100 ]; do
	echo "file $i" >"$W/mnt0/f$i" || fail "write gv0/f$i"
	echo "file $i" >"$W/mnt1/f$i" || fail "write gv1/f$i"
	i=$((i + 1))
done
for n in 1 2 3; do
	c=$(find "$G/n$n/bricks/gv0" -maxdepth 1 -name 'f*' | wc -l)
	check "replica brick $n holds all 100 files ($c)" test "$c" -eq 100
done
c=$(cat "$G"/n[123]/bricks/gv1/f* 2>/dev/null | wc -l)
check "distributed bricks hold 100 files between them ($c)" test "$c" -eq 100

note "as a clone: two instances of the resource share the volume"
C1="OCF_RESKEY_CRM_meta_clone_max=2"
expect_rc 0 "clone instance on nodeA: depth 20" gm monitor "$V0" "$M0" "$C1" OCF_RESKEY_CRM_meta_on_node=nodeA OCF_CHECK_LEVEL=20
expect_rc 0 "clone instance on nodeB: start (second mount of gv0)" gm start "$V0" "OCF_RESKEY_directory=$W/mnt0b" "$C1" OCF_RESKEY_CRM_meta_on_node=nodeB \
	"OCF_RESKEY_options=log-file=$G/client0b.log"
expect_rc 0 "clone instance on nodeB: depth 20" gm monitor "$V0" "OCF_RESKEY_directory=$W/mnt0b" "$C1" OCF_RESKEY_CRM_meta_on_node=nodeB OCF_CHECK_LEVEL=20
check "each node writes its own status file" sh -c "ls -a '$W/mnt0' | grep -c '^.vigil-status-node[AB]-gm$' | grep -qx 2"
expect_rc 0 "clone instance on nodeB: stop" gm stop "$V0" "OCF_RESKEY_directory=$W/mnt0b" "$C1" OCF_RESKEY_CRM_meta_on_node=nodeB
expect_rc 0 "nodeA's mount is unaffected" gm monitor "$V0" "$M0" "$C1" OCF_RESKEY_CRM_meta_on_node=nodeA OCF_CHECK_LEVEL=20

note "stop of a busy mount"
(cd "$W/mnt1" && exec sleep 600) &
user1=$!
sh -c "exec 3<'$W/mnt1/f1'; exec sleep 600" &
user2=$!
sleep 0.3
expect_rc 0 "stop gv1 while two processes use it" gm stop "$V1" "$M1"
check "gv1 unmounted" sh -c "! grep -q ' $W/mnt1 ' /proc/mounts"
check "the process working in it was killed" wait_for 5 eval "! alive $user1"
check "the process holding a file open was killed" wait_for 5 eval "! alive $user2"
kill -KILL "$user1" "$user2" 2>/dev/null
expect_rc 0 "stop gv1 again (idempotent)" gm stop "$V1" "$M1"
expect_rc 7 "monitor gv1 after stop" gm monitor "$V1" "$M1"
expect_rc 0 "start gv1 again" gm start "$V1" "$M1" "$O1"

note "power off server 3"
FENCE="$W/sbin/fence_vigil_netns"
expect_rc 0 "fence_vigil_netns off g3" "$FENCE" -o off -n g3 --netns_prefix="$P"
t0=$(now_ms)
expect_rc 0 "monitor gv0 depth 20 with a server gone" gm monitor "$V0" "$M0" OCF_CHECK_LEVEL=20
note "that monitor took $(($(now_ms) - t0)) ms (network.ping-timeout is 5 s)"
good=0
i=0
while [ "$i" -lt 100 ]; do
	[ "$(cat "$W/mnt0/f$i" 2>/dev/null)" = "file $i" ] && good=$((good + 1))
	i=$((i + 1))
done
check "gv0: all 100 files read back correctly ($good)" test "$good" -eq 100
wrote=0
i=100
while [ "$i" -lt 200 ]; do
	echo "file $i" >"$W/mnt0/f$i" && wrote=$((wrote + 1))
	i=$((i + 1))
done
check "gv0: 100 more files written ($wrote)" test "$wrote" -eq 100
readable=$(cat "$W"/mnt1/f* 2>/dev/null | wc -l)
note "gv1 (distributed): $readable of 100 files readable with one brick gone"
check "gv1 keeps the files of the live bricks" test "$readable" -ge 1
expect_rc 0 "monitor gv0 depth 20 again" gm monitor "$V0" "$M0" OCF_CHECK_LEVEL=20

note "all servers off"
expect_rc 0 "fence_vigil_netns off g1" "$FENCE" -o off -n g1 --netns_prefix="$P"
expect_rc 0 "fence_vigil_netns off g2" "$FENCE" -o off -n g2 --netns_prefix="$P"
t0=$(now_ms)
expect_rc 1 "monitor gv0 depth 20 fails" gm monitor "$V0" "$M0" OCF_CHECK_LEVEL=20 OCF_RESKEY_status_timeout=8
el=$(($(now_ms) - t0))
check "...within its 8 s deadline instead of hanging (${el} ms)" test "$el" -lt 10000
t0=$(now_ms)
expect_rc 0 "stop gv0 with every server gone" gm stop "$V0" "$M0"
el=$(($(now_ms) - t0))
check "...within the 20 s op timeout (${el} ms)" test "$el" -lt 20000
check "gv0 unmounted" sh -c "! grep -q ' $W/mnt0 ' /proc/mounts"
expect_rc 0 "stop gv1 with every server gone" gm stop "$V1" "$M1"
check "gv1 unmounted" sh -c "! grep -q ' $W/mnt1 ' /proc/mounts"
