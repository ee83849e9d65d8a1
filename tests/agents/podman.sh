#!/bin/sh
# docker agent with engine=podman: rootful podman with private storage and
# configuration (vfs, cgroupfs, runc), the container on the host network of
# a test namespace (--network host), image imported from busybox-static.
# ocf-tester, serving HTTP, monitor_cmd, a container killed behind the
# agent's back (7), stale container replaced, idempotence, missing image.
. "$(dirname "$0")/lib.sh"
need podman runc nsenter busybox curl ocf-tester
[ -x /usr/bin/docker-init ] || die "/usr/bin/docker-init missing (package docker.io), used as podman's --init"

PN=vag-$TAG-pod
netns "$PN"
PD="$W/podman"
mkdir -p "$PD/root" "$PD/runroot" "$PD/tmp" "$PD/netconf" "$W/www" "$W/rootfs/bin"

# Global paths podman touches despite the private configuration.
for g in /var/lib/containers /run/containers /run/libpod /run/runc /dev/shm/libpod_lock /etc/cni/net.d/cni.lock; do
	[ -e "$g" ] || on_exit "rm -rf '$g'"
done
on_exit umount_private
umount_private() {
	grep -o " $W/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
}
on_exit "pm rm -af -t 0"

# No CAP_SYS_RESOURCE here: podman's default rlimits cannot be set, so
# lower ones are configured. --init needs a static init: docker-init.
cat >"$PD/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]
init_path = "/usr/bin/docker-init"
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"
tmp_dir = "$PD/tmp"
[network]
network_config_dir = "$PD/netconf"
EOF
cat >"$PD/storage.conf" <<EOF
[storage]
driver = "vfs"
graphroot = "$PD/root"
runroot = "$PD/runroot"
EOF
export CONTAINERS_CONF="$PD/containers.conf" CONTAINERS_STORAGE_CONF="$PD/storage.conf"

# Everything runs in the test namespace's network, in the host's mount
# namespace (nsenter, not ip netns exec, which hides the cgroup tree).
pm() { nsenter --net="/run/netns/$PN" podman "$@"; }

cp "$(command -v busybox)" "$W/rootfs/bin/busybox"
for a in sh httpd wget sleep cat; do ln -s busybox "$W/rootfs/bin/$a"; done
tar -C "$W/rootfs" -c . | pm import -c 'CMD ["/bin/busybox","httpd","-f","-p","127.0.0.1:18083","-h","/www"]' - vag-busybox:1 >/dev/null 2>&1 ||
	die "podman import failed"
echo "served-by-podman" >"$W/www/index.html"

export OCF_RESKEY_engine=podman
export OCF_RESKEY_image=vag-busybox:1
export OCF_RESKEY_mounts="$W/www:/www:ro"
export OCF_RESKEY_run_opts="--network host --init"
export OCF_RESKEY_monitor_cmd="wget -q -O /dev/null http://127.0.0.1:18083/"
export OCF_RESKEY_CRM_meta_timeout=20000
dock() {
	_op=$1
	shift
	nsenter --net="/run/netns/$PN" env OCF_RESOURCE_INSTANCE=web1 "$@" "$AG/docker" "$_op"
}
get() { in_ns "$PN" curl -sf --max-time 5 http://127.0.0.1:18083/; }

note "ocf-tester"
out=$(nsenter --net="/run/netns/$PN" ocf-tester -n web-tester -o engine=podman -o image=vag-busybox:1 \
	-o "run_opts=--network host --init" -o "mounts=$W/www:/www:ro" "$AG/docker" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/    /'
if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "passed all tests"; then ok "ocf-tester docker (engine=podman)"; else fail "ocf-tester docker engine=podman (rc $rc)"; fi

note "lifecycle"
expect_rc 5 "image missing on this node -> not installed" dock start OCF_RESKEY_image=vag-nosuch:1
expect_rc 7 "monitor before start" dock monitor
t0=$(now_ms)
expect_rc 0 "start" dock start
note "start took $(($(now_ms) - t0)) ms"
check "HTTP from the container on the namespace's network" sh -c "ip netns exec '$PN' curl -sf --max-time 5 http://127.0.0.1:18083/ | grep -q served-by-podman"
expect_rc 0 "monitor (with monitor_cmd)" dock monitor
expect_rc 0 "start again (idempotent)" dock start
expect_rc 1 "monitor whose monitor_cmd fails" dock monitor OCF_RESKEY_monitor_cmd=false
pm kill web1 >/dev/null
expect_rc 7 "monitor after the container was killed behind the agent's back" dock monitor
expect_rc 0 "start replaces the dead container" dock start
check "HTTP works again" get
t0=$(now_ms)
expect_rc 0 "stop" dock stop
note "stop took $(($(now_ms) - t0)) ms"
check "container removed" sh -c "! nsenter --net=/run/netns/$PN podman container inspect web1 >/dev/null 2>&1"
expect_rc 7 "monitor after stop" dock monitor
expect_rc 0 "stop again (idempotent)" dock stop
