#!/bin/sh
# docker agent with a real dockerd that the test starts in its own network
# namespace with private state (data root, exec root, socket), and an image
# built here from busybox-static (no registry): ocf-tester, serving HTTP on
# a mapped port, monitor, a container killed behind the agent's back
# (monitor 7), stale container replaced, start/stop idempotence, exit codes
# for a missing image (5, node-local) and bad parameters (6).
. "$(dirname "$0")/lib.sh"
need dockerd docker nsenter busybox curl ocf-tester

DN=vag-$TAG-dock
netns "$DN"
DK="$W/docker"
mkdir -p "$DK/data" "$DK/exec" "$W/www" "$W/rootfs/bin" "$W/rootfs/www"
SOCK="$DK/docker.sock"

# Global paths dockerd touches despite the private roots: remove the ones
# this test creates.
for g in /etc/docker /etc/docker/key.json /run/docker /run/containerd; do
	[ -e "$g" ] || on_exit "rm -rf '$g'"
done
# Mounts dockerd leaves under the private roots (netns files, vfs layers).
on_exit umount_private
umount_private() {
	grep -o " ${DK}/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
}
on_exit "stop_dockerd"
stop_dockerd() {
	_p=$(cat "$DK/dockerd.pid" 2>/dev/null) || return 0
	kill -TERM "$_p" 2>/dev/null
	wait_for 15 eval "! alive $_p" || kill -KILL "$_p"
}

# Not `ip netns exec`: it remounts /sys, which hides the cgroup tree from
# dockerd. nsenter only switches the network namespace.
nsenter --net="/run/netns/$DN" dockerd \
	--data-root "$DK/data" --exec-root "$DK/exec" --pidfile "$DK/dockerd.pid" \
	-H "unix://$SOCK" --storage-driver vfs --iptables=false \
	--bip 172.31.251.1/24 >"$DK/dockerd.log" 2>&1 &
dk() { docker -H "unix://$SOCK" "$@"; }
t0=$(now_ms)
wait_for 60 dk version || die "dockerd did not come up: $(tail -n 5 "$DK/dockerd.log")"
note "dockerd ready in $(($(now_ms) - t0)) ms"

# The image: busybox-static and the applet links the container uses.
cp "$(command -v busybox)" "$W/rootfs/bin/busybox"
for a in sh httpd wget sleep cat; do ln -s busybox "$W/rootfs/bin/$a"; done
# The health check the health test uses: healthy while the host says so.
printf '#!/bin/sh\ntest -e /www/healthy\n' >"$W/rootfs/bin/healthy"
chmod 755 "$W/rootfs/bin/healthy"
tar -C "$W/rootfs" -c . | dk import -c 'CMD ["/bin/busybox","httpd","-f","-p","80","-h","/www"]' - vag-busybox:1 >/dev/null ||
	die "docker import failed"
echo "served-by-container" >"$W/www/index.html"

export OCF_RESKEY_engine_opts="-H unix://$SOCK"
export OCF_RESKEY_image=vag-busybox:1
export OCF_RESKEY_ports=127.0.0.1:18081:80
export OCF_RESKEY_mounts="$W/www:/www:ro"
# --init: busybox httpd as pid 1 ignores SIGTERM and would make every stop
# wait out its grace period.
export OCF_RESKEY_run_opts=--init
export OCF_RESKEY_monitor_cmd="wget -q -O /dev/null http://127.0.0.1/"
export OCF_RESKEY_CRM_meta_timeout=20000

dock() {
	_op=$1
	shift
	env OCF_RESOURCE_INSTANCE=web1 "$@" "$AG/docker" "$_op"
}
running() { [ "$(dk inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }

note "ocf-tester"
ocf_tester "$DN" docker -n web-tester -o image=vag-busybox:1 -o "engine_opts=-H unix://$SOCK" -o run_opts=--init -o ports=127.0.0.1:18082:80 -o "mounts=$W/www:/www:ro"
check "ocf-tester left no container behind" sh -c "! docker -H 'unix://$SOCK' inspect web-tester >/dev/null 2>&1"

note "exit codes"
expect_rc 6 "engine neither docker nor podman" dock validate-all OCF_RESKEY_engine=rkt
expect_rc 6 "malformed port mapping" dock validate-all OCF_RESKEY_ports=http
expect_rc 6 "missing image parameter" dock validate-all OCF_RESKEY_image=
expect_rc 5 "image missing on this node: validate-all -> not installed" dock validate-all OCF_RESKEY_image=vag-nosuch:1
expect_rc 5 "image missing on this node: start -> not installed" dock start OCF_RESKEY_image=vag-nosuch:1
expect_rc 7 "probe with the engine binary missing" env OCF_TESTER_FAIL_HAVE_BINARY=1 OCF_RESKEY_CRM_meta_interval=0 OCF_RESOURCE_INSTANCE=web1 "$AG/docker" monitor
expect_rc 0 "validate-all" dock validate-all
expect_rc 7 "monitor before start" dock monitor

note "lifecycle"
t0=$(now_ms)
expect_rc 0 "start" dock start
note "start took $(($(now_ms) - t0)) ms"
check "container web1 runs" running web1
check "HTTP through the mapped port" sh -c "ip netns exec '$DN' curl -sf --max-time 5 http://127.0.0.1:18081/ | grep -q served-by-container"
expect_rc 0 "monitor" dock monitor
expect_rc 0 "start again (idempotent)" dock start
expect_rc 1 "monitor whose monitor_cmd fails" dock monitor OCF_RESKEY_monitor_cmd=false
dk kill web1 >/dev/null
expect_rc 7 "monitor after the container was killed behind the agent's back" dock monitor
expect_rc 0 "start replaces the dead container" dock start
check "HTTP works again" sh -c "ip netns exec '$DN' curl -sf --max-time 5 http://127.0.0.1:18081/ | grep -q served-by-container"
t0=$(now_ms)
expect_rc 0 "stop" dock stop
note "stop took $(($(now_ms) - t0)) ms"
check "container removed" sh -c "! docker -H 'unix://$SOCK' inspect web1 >/dev/null 2>&1"
expect_rc 7 "monitor after stop" dock monitor
expect_rc 0 "stop again (idempotent)" dock stop

note "stale container of the same name"
dk create --name web1 vag-busybox:1 sleep 1 >/dev/null
expect_rc 7 "monitor sees a created-but-not-running container as stopped" dock monitor
expect_rc 0 "start removes the stale container and runs a new one" dock start
check "the running container has the port mapping" sh -c "ip netns exec '$DN' curl -sf --max-time 5 http://127.0.0.1:18081/ >/dev/null"
expect_rc 0 "stop" dock stop

note "stop of a container that ignores SIGTERM, bounded by the op timeout"
expect_rc 0 "start without --init (httpd is pid 1)" dock start OCF_RESKEY_run_opts=
t0=$(now_ms)
expect_rc 0 "stop with a 12 s op timeout" dock stop OCF_RESKEY_CRM_meta_timeout=12000
el=$(($(now_ms) - t0))
check "stop finished within the op timeout (${el} ms)" test "$el" -lt 12000
check "container removed" sh -c "! docker -H 'unix://$SOCK' inspect web1 >/dev/null 2>&1"

note "health status (query_health)"
touch "$W/www/healthy"
HEALTH="--init --health-cmd=/bin/healthy --health-interval=1s --health-retries=1 --health-timeout=2s"
expect_rc 0 "start waits for the health check" dock start OCF_RESKEY_query_health=true OCF_RESKEY_run_opts="$HEALTH" OCF_RESKEY_monitor_cmd=
check "healthy when start returned" test "$(dk inspect -f '{{.State.Health.Status}}' web1)" = healthy
expect_rc 0 "monitor while healthy" dock monitor OCF_RESKEY_query_health=true
rm -f "$W/www/healthy"
unhealthy() { [ "$(dk inspect -f '{{.State.Health.Status}}' web1)" = unhealthy ]; }
wait_for 10 unhealthy || fail "docker never marked web1 unhealthy"
expect_rc 1 "monitor of an unhealthy container -> failure" dock monitor OCF_RESKEY_query_health=true
expect_rc 0 "monitor ignores health when query_health is off" dock monitor OCF_RESKEY_query_health=false
touch "$W/www/healthy"
healthy() { [ "$(dk inspect -f '{{.State.Health.Status}}' web1)" = healthy ]; }
wait_for 10 healthy || fail "web1 never healthy again"
expect_rc 0 "monitor once healthy again" dock monitor OCF_RESKEY_query_health=true
expect_rc 0 "stop" dock stop
