#!/bin/sh
# haproxy agent with the real haproxy in a namespace: ocf-tester, exit
# codes for bad configurations, serving through two busybox httpd
# backends, reloads while a client loop runs (no failed request, a slow
# request that spans the reload completes), depth-10 monitor catching a
# frontend disabled through the admin socket, graceful stop.
. "$(dirname "$0")/lib.sh"
need haproxy socat curl busybox ocf-tester

H=vag-$TAG-hap
netns "$H"
D="$W/hap"
mkdir -p "$D/b1/cgi-bin" "$D/b2/cgi-bin"
echo backend-one >"$D/b1/index.html"
echo backend-two >"$D/b2/index.html"
for b in b1 b2; do
	cat >"$D/$b/cgi-bin/slow" <<'EOF'
#!/bin/sh
sleep 3
printf 'Content-Type: text/plain\r\n\r\nslow-done\n'
EOF
	chmod 755 "$D/$b/cgi-bin/slow"
done
in_ns "$H" busybox httpd -f -p 127.0.0.1:19001 -h "$D/b1" &
in_ns "$H" busybox httpd -f -p 127.0.0.1:19002 -h "$D/b2" &

cat >"$D/haproxy.cfg" <<EOF
global
	maxconn 256
defaults
	mode http
	timeout connect 2s
	timeout client 20s
	timeout server 20s
frontend fe_web
	bind 127.0.0.1:18080
	default_backend be_web
frontend fe_other
	bind 127.0.0.1:18081
	default_backend be_web
backend be_web
	balance roundrobin
	option httpchk GET /
	server b1 127.0.0.1:19001 check inter 1s fall 2 rise 1
	server b2 127.0.0.1:19002 check inter 1s fall 2 rise 1
EOF
printf 'global\n\tnosuchkeyword on\n' >"$D/bad.cfg"

hap() {
	_op=$1
	shift
	in_ns "$H" env OCF_RESOURCE_INSTANCE=hap1 OCF_RESKEY_config="$D/haproxy.cfg" "$@" "$AG/haproxy" "$_op"
}
get() { in_ns "$H" curl -s --max-time 5 "http://127.0.0.1:18080$1"; }

wait_for 5 in_ns "$H" curl -sf http://127.0.0.1:19001/ || die "backend b1 did not come up"
wait_for 5 in_ns "$H" curl -sf http://127.0.0.1:19002/ || die "backend b2 did not come up"

note "ocf-tester"
ocf_tester "$H" haproxy -n hapt -o config="$D/haproxy.cfg"

note "exit codes"
expect_rc 6 "no config parameter -> not configured" hap validate-all OCF_RESKEY_config=
expect_rc 2 "config file missing on this node" hap validate-all OCF_RESKEY_config="$D/missing.cfg"
expect_rc 2 "haproxy -c rejects the config" hap validate-all OCF_RESKEY_config="$D/bad.cfg"
expect_rc 2 "start with a rejected config" hap start OCF_RESKEY_config="$D/bad.cfg"
expect_rc 0 "validate-all" hap validate-all
expect_rc 7 "monitor before start" hap monitor
expect_rc 6 "bad stop_grace" hap monitor OCF_RESKEY_stop_grace=soon

note "start and serve"
expect_rc 0 "start" hap start
expect_rc 0 "start again (idempotent)" hap start
expect_rc 0 "monitor depth 0" hap monitor
expect_rc 0 "monitor depth 10" hap monitor OCF_CHECK_LEVEL=10
wait_for 5 sh -c "echo 'show stat' | ip netns exec '$H' socat - UNIX-CONNECT:'$HA_RSCTMP/vigil-haproxy-hap1.sock' | grep -q '^be_web,b2,.*,UP,'" || fail "b2 never UP"
seen=""
for _ in 1 2 3 4 5 6; do seen="$seen $(get /)"; done
case $seen in *backend-one*backend-two* | *backend-two*backend-one*) ok "round robin over both backends:$seen" ;; *) fail "responses:$seen" ;; esac

note "reload under load"
pid0=$(cat "$HA_RSCTMP/vigil-haproxy-hap1.pid")
# A client loop: sequential requests, each failure logged.
# shellcheck disable=SC2016 # the script runs in the namespace's shell
in_ns "$H" sh -c '
	n=0; bad=0
	while [ ! -e "$1/stop-load" ]; do
		code=$(curl -s -o /dev/null -w "%{http_code}" --max-time 5 http://127.0.0.1:18080/)
		n=$((n + 1)); [ "$code" = 200 ] || { bad=$((bad + 1)); echo "request $n: $code" >>"$1/load.err"; }
	done
	echo "$n $bad" >"$1/load.result"' load "$D" &
load=$!
in_ns "$H" curl -s --max-time 10 http://127.0.0.1:18080/cgi-bin/slow >"$D/slow.out" &
slow=$!
sleep 0.5
expect_rc 0 "reload 1" hap reload
sleep 0.3
expect_rc 0 "reload 2" hap reload
sleep 0.3
expect_rc 0 "reload 3" hap reload
sleep 0.5
touch "$D/stop-load"
wait "$load"
wait "$slow"
read -r total bad <"$D/load.result"
check "client loop ran ($total requests)" test "$total" -ge 20
if [ "$bad" -eq 0 ]; then ok "no failed request during 3 reloads ($total requests)"; else fail "$bad of $total requests failed: $(head -n 3 "$D/load.err")"; fi
check "slow request started before the reloads completed: $(cat "$D/slow.out")" grep -q slow-done "$D/slow.out"
pid1=$(cat "$HA_RSCTMP/vigil-haproxy-hap1.pid")
check "reload replaced the process ($pid0 -> $pid1)" test "$pid0" != "$pid1"
if wait_for 10 eval "! alive $pid0"; then ok "old process $pid0 finished"; else fail "old process $pid0 still runs"; fi
expect_rc 2 "reload with a rejected config" hap reload OCF_RESKEY_config="$D/bad.cfg"
expect_rc 0 "...the running instance is untouched" hap monitor OCF_CHECK_LEVEL=10
check "...and still serves" sh -c "ip netns exec '$H' curl -sf --max-time 5 http://127.0.0.1:18080/ >/dev/null"

note "depth-10 monitor sees a disabled frontend"
echo "disable frontend fe_other" | in_ns "$H" socat - "UNIX-CONNECT:$HA_RSCTMP/vigil-haproxy-hap1.sock" >/dev/null
expect_rc 0 "depth 0 still fine" hap monitor
expect_rc 1 "depth 10 fails" hap monitor OCF_CHECK_LEVEL=10
echo "enable frontend fe_other" | in_ns "$H" socat - "UNIX-CONNECT:$HA_RSCTMP/vigil-haproxy-hap1.sock" >/dev/null
expect_rc 0 "depth 10 fine again after enable" hap monitor OCF_CHECK_LEVEL=10

note "stop"
main=$(cat "$HA_RSCTMP/vigil-haproxy-hap1.pid")
# Graceful: a request in flight when stop begins still completes.
in_ns "$H" curl -s --max-time 10 http://127.0.0.1:18080/cgi-bin/slow >"$D/slow2.out" &
slow=$!
sleep 0.5
t0=$(now_ms)
expect_rc 0 "stop" hap stop OCF_RESKEY_CRM_meta_timeout=20000
note "stop took $(($(now_ms) - t0)) ms with a request in flight"
wait "$slow"
check "the request in flight during stop completed: $(cat "$D/slow2.out")" grep -q slow-done "$D/slow2.out"
expect_rc 0 "start for the deadline check" hap start
in_ns "$H" curl -s --max-time 10 http://127.0.0.1:18080/cgi-bin/slow >/dev/null &
slow=$!
sleep 0.5
t0=$(now_ms)
expect_rc 0 "stop with stop_grace=1 kills what is left after 1 s" hap stop OCF_RESKEY_stop_grace=1
el=$(($(now_ms) - t0))
check "...within about the grace ($el ms)" test "$el" -lt 2500
wait "$slow"
main=$(cat "$HA_RSCTMP/vigil-haproxy-hap1.pid" 2>/dev/null || echo "$main")
check "process $main is gone" eval "! alive $main"
expect_rc 7 "monitor after stop" hap monitor
expect_rc 0 "stop again (idempotent)" hap stop
if in_ns "$H" curl -s --max-time 2 http://127.0.0.1:18080/ >/dev/null; then
	fail "something still answers on 18080: $(in_ns "$H" ss -ltnp | grep 18080)"
else
	ok "nothing listens on 18080 after stop"
fi
expect_rc 0 "start after stop" hap start
kill -KILL "$(cat "$HA_RSCTMP/vigil-haproxy-hap1.pid")"
sleep 0.2
expect_rc 7 "monitor after haproxy was killed" hap monitor
expect_rc 0 "stop after a crash" hap stop

note "another node's haproxy with the same pid file path is left alone"
# In the lab every node is a namespace with its own /run, so two nodes'
# instances have the same pid file path on their command lines; stopping
# one must not signal the other (bench found it: it did).
H2=vag-$TAG-hap2
netns "$H2"
printf 'defaults\n\tmode http\n\ttimeout connect 2s\n\ttimeout client 5s\n\ttimeout server 5s\nfrontend fe\n\tbind 127.0.0.1:18080\n' >"$D/other.cfg"
# Not in_ns: a function run with & would make $! the subshell, not haproxy.
# shellcheck disable=SC2016 # the inner sh expands them
ip netns exec "$H2" unshare --mount --propagation private sh -c \
	'mount -t tmpfs vigil-test "$1" && exec haproxy -f "$2" -p "$3"' _ \
	"$HA_RSCTMP" "$D/other.cfg" "$HA_RSCTMP/vigil-haproxy-hap1.pid" >"$D/other.out" 2>&1 &
other=$!
wait_for 5 sh -c "grep -q -F -- '$HA_RSCTMP/vigil-haproxy-hap1.pid' /proc/$other/cmdline" ||
	die "the other node's haproxy did not start: $(cat "$D/other.out")"
expect_rc 0 "start here" hap start
expect_rc 0 "stop here" hap stop
check "the other namespace's haproxy ($other) still runs" alive "$other"
expect_rc 0 "start here again" hap start
expect_rc 0 "stop here again" hap stop
check "...and still runs" alive "$other"
kill "$other"
wait "$other" 2>/dev/null || true

note "binding a virtual IP: ordered after vip, or with ip_nonlocal_bind"
ip -n "$H" link add v0 type veth peer name v1
ip -n "$H" link set v0 up
ip -n "$H" link set v1 up
ip -n "$H" addr add 10.85.0.1/24 dev v0
sed 's/127.0.0.1:18080/10.85.0.100:18090/; /frontend fe_other/,/default_backend/d' "$D/haproxy.cfg" >"$D/vip.cfg"
hap2() {
	_op=$1
	shift
	in_ns "$H" env OCF_RESOURCE_INSTANCE=hap2 OCF_RESKEY_config="$D/vip.cfg" "$@" "$AG/haproxy" "$_op"
}
vip() { in_ns "$H" env OCF_RESOURCE_INSTANCE=vip1 OCF_RESKEY_ip=10.85.0.100 OCF_RESKEY_nic=v0 "$AG/vip" "$1"; }
expect_rc 0 "validate-all does not need the address" hap2 validate-all
expect_rc 1 "start before the VIP exists fails (cannot bind)" hap2 start
expect_rc 7 "...and leaves nothing running" hap2 monitor
expect_rc 0 "vip start" vip start
expect_rc 0 "haproxy start after the VIP" hap2 start
check "serves on the VIP" sh -c "ip netns exec '$H' curl -sf --max-time 5 http://10.85.0.100:18090/ | grep -q backend-"
expect_rc 0 "haproxy stop" hap2 stop
expect_rc 0 "vip stop" vip stop
in_ns "$H" sysctl -q -w net.ipv4.ip_nonlocal_bind=1
expect_rc 0 "with ip_nonlocal_bind=1 haproxy starts without the VIP" hap2 start
expect_rc 0 "monitor depth 10" hap2 monitor OCF_CHECK_LEVEL=10
expect_rc 0 "haproxy stop" hap2 stop
