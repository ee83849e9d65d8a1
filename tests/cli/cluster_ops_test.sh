#!/bin/sh
# vigil's operational verbs against a live cluster (the three directors as
# lab namespaces, corosync and vigild on each, the seed's configuration
# typed on cluster1), each checked by what really happened:
#   --wait      returns once the cluster settled: the change is in effect
#               (the VIP is on the new node) the moment it returns, with no
#               polling; a wait that cannot finish in time exits 6 and says so
#   restart     the agent ran stop and then start (vigild's log and the
#               resource's history call id), and the address is back
#   cleanup     a real failure (the VIP removed behind the cluster's back,
#               its 1 s monitor fails) leaves a fail count; cleanup --node
#               clears it and the failure history
#   move        with stickiness the temporary constraint goes once the group
#               runs there (pcs 0.11); move-with-constraint keeps it
#   clone       a fence device cloned while it runs settles (no stop loop)
# Timings are printed, not asserted (liveness bounds only).
#
# Usage: cluster_ops_test.sh VIGIL VIGILD   (as root)
set -eu

VIGIL=${1:?path to vigil}
VIGILD=${2:?path to vigild}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/cli/cluster_lib.sh
. "$HERE/cluster_lib.sh"

# Runs vigil on cluster1; the exit code goes to $rc, output to $WORK/out and
# $WORK/err.
run() {
    set +e
    on cluster1 "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    set -e
}
# Count of "RSC ACTION on NODE: rc=0" lines in NODE's vigild log.
agent_ran() { grep -c " $2 $3 on $1: rc=0 " "$WORK/$1-vigild.log" || true; }
# call-id of RSC's last non-recurring operation on NODE, from the CIB status.
last_call() {
    on cluster1 cib show | tr '\n' ' ' | sed 's/<lrm_rsc_op /\n&/g' |
        grep "id=\"$2_last_0\"" | grep "on_node=\"$1\"" |
        sed -n 's/.* call-id="\([0-9]*\)".*/\1/p' | head -n 1
}
last_op() {
    on cluster1 cib show | tr '\n' ' ' | sed 's/<lrm_rsc_op /\n&/g' |
        grep "id=\"$2_last_0\"" | grep "on_node=\"$1\"" |
        sed -n 's/.* operation="\([a-z_]*\)".*/\1/p' | head -n 1
}

echo "== lab up, the seed's configuration"
bring_up
# Loaded in one piece, so the set-up does not depend on how fast each typed
# command is acted on (the last check types a clone of a running device).
on cluster1 configure load replace - <"$HERE/golden/seed-configure.txt" >"$WORK/load.out" 2>&1 ||
    fail "configure load replace: $(cat "$WORK/load.out")"
wait_for 60 runs_on cluster1 cluster1 || fail "grupo1 did not start on cluster1: $(on cluster1 status)"
wait_for 30 runs_on cluster1 cluster1 IPVirtual_2 || fail "IPVirtual_2 did not start on cluster1"

echo "== --wait: the change is in effect when the command returns"
t0=$(ms)
run node standby cluster1 --wait=60
[ "$rc" = 0 ] || fail "node standby --wait exited $rc: $(cat "$WORK/err")"
echo "bench: node standby --wait=60 returned after $(($(ms) - t0)) ms"
# No polling from here: the group must already have moved.
if has_addr cluster1 192.168.1.200; then fail "--wait returned while cluster1 still holds the VIP"; fi
if has_addr standby1 192.168.1.200; then moved_to=standby1; else moved_to=standby2; fi
has_addr "$moved_to" 192.168.1.200 || fail "--wait returned before the VIP started elsewhere"
has_addr "$moved_to" 10.0.100.200 || fail "--wait returned before IPVirtual_2 started on $moved_to"
runs_on cluster1 "$moved_to" IPVirtual_2 || fail "status does not show IPVirtual_2 on $moved_to"
run node unstandby cluster1 --wait=60
[ "$rc" = 0 ] || fail "node unstandby --wait exited $rc: $(cat "$WORK/err")"
has_addr cluster1 10.0.100.200 || fail "--wait returned before the group came back to cluster1"
if has_addr "$moved_to" 192.168.1.200; then fail "--wait returned while $moved_to still holds the VIP"; fi

echo "== --wait that cannot finish in time: exit 6 and a message"
t0=$(ms)
run resource create slow ocf:heartbeat:Delay startdelay=4 stopdelay=0 mondelay=0 --wait=1
echo "bench: --wait=1 on a 4 s start returned after $(($(ms) - t0)) ms"
[ "$rc" = 6 ] || fail "a wait that ran out exited $rc, expected 6: $(cat "$WORK/err")"
grep -q 'did not settle within 1 s' "$WORK/err" || fail "the timeout is not explained: $(cat "$WORK/err")"
on cluster1 resource show slow >/dev/null ||
    fail "the change itself was not committed before the wait"
run resource delete slow --wait=60
[ "$rc" = 0 ] || fail "delete slow --wait exited $rc: $(cat "$WORK/err")"

echo "== restart: the agent stops and starts the resource"
stops=$(agent_ran cluster1 IPVirtual_1 stop)
starts=$(agent_ran cluster1 IPVirtual_1 start)
call=$(last_call cluster1 IPVirtual_1)
[ -n "$call" ] || fail "no history of IPVirtual_1 on cluster1"
t0=$(ms)
run resource restart IPVirtual_1
[ "$rc" = 0 ] || fail "resource restart exited $rc: $(cat "$WORK/err")"
echo "bench: resource restart IPVirtual_1: $(($(ms) - t0)) ms"
grep -q "restarted 'IPVirtual_1'" "$WORK/out" || fail "restart says: $(cat "$WORK/out")"
[ "$(agent_ran cluster1 IPVirtual_1 stop)" -gt "$stops" ] || fail "the agent did not see a stop"
[ "$(agent_ran cluster1 IPVirtual_1 start)" -gt "$starts" ] || fail "the agent did not see a start"
[ "$(last_op cluster1 IPVirtual_1)" = start ] || fail "the last operation is not a start"
[ "$(last_call cluster1 IPVirtual_1)" -gt "$call" ] || fail "no newer call id after the restart"
has_addr cluster1 192.168.1.200 || fail "the VIP is not back on cluster1 after restart"
run resource show IPVirtual_1
if grep -q 'target-role' "$WORK/out"; then fail "restart left a target-role behind"; fi

echo "== cleanup clears a real failure"
run resource create vip-fail ocf:heartbeat:IPaddr2 ip=10.0.100.210 cidr_netmask=24 nic=enp0s8 \
    op monitor interval=1s --wait=60
[ "$rc" = 0 ] || fail "create vip-fail exited $rc: $(cat "$WORK/err")"
fnode=""
for n in $NODES; do has_addr "$n" 10.0.100.210 && fnode=$n; done
[ -n "$fnode" ] || fail "vip-fail runs nowhere after --wait"
run resource failcount show vip-fail
grep -q 'No failcounts' "$WORK/out" || fail "a fail count before any failure: $(cat "$WORK/out")"
# Behind the cluster's back: the monitor finds the address gone.
lab exec "$fnode" ip addr del 10.0.100.210/24 dev enp0s8
counted() {
    on cluster1 resource failcount show vip-fail --node "$fnode" | grep -q "vip-fail: .* on $fnode: [1-9]"
}
wait_for 30 counted || fail "no fail count after the monitor failed: $(on cluster1 resource failcount show vip-fail)"
on cluster1 resource failcount show vip-fail
# The cluster recovers it in place (migration-threshold is unlimited).
wait_for 30 has_addr "$fnode" 10.0.100.210 || fail "vip-fail was not recovered"
on cluster1 status --output-as=xml | grep -q '<failure [^>]*resource="vip-fail"' ||
    fail "status shows no failed action for vip-fail"
run resource cleanup vip-fail --node "$fnode" --wait=60
[ "$rc" = 0 ] || fail "cleanup exited $rc: $(cat "$WORK/err")"
run resource failcount show vip-fail
grep -q 'No failcounts' "$WORK/out" || fail "cleanup left: $(cat "$WORK/out")"
if on cluster1 status --output-as=xml | grep -q '<failure [^>]*resource="vip-fail"'; then
    fail "cleanup left the failed action in status"
fi
if on cluster1 cib show | grep -q 'vip-fail_last_failure_0'; then fail "cleanup left the failure history"; fi
has_addr "$fnode" 10.0.100.210 || fail "vip-fail is not running after cleanup"
run resource delete vip-fail --wait=60
[ "$rc" = 0 ] || fail "delete vip-fail exited $rc: $(cat "$WORK/err")"

echo "== move: the temporary constraint goes once the group runs there"
run resource defaults update resource-stickiness=100
[ "$rc" = 0 ] || fail "defaults update exited $rc: $(cat "$WORK/err")"
t0=$(ms)
run resource move grupo1 standby1
[ "$rc" = 0 ] || fail "move exited $rc: $(cat "$WORK/err")"
echo "bench: resource move grupo1 standby1 (until the constraint is gone): $(($(ms) - t0)) ms"
grep -q 'temporary constraint was removed' "$WORK/out" || fail "move says: $(cat "$WORK/out")"
has_addr standby1 192.168.1.200 || fail "move returned before the VIP runs on standby1"
if on cluster1 constraint list | grep -q 'cli-prefer-grupo1'; then
    fail "move left cli-prefer-grupo1 behind"
fi

echo "== move-with-constraint: the constraint stays"
run resource move-with-constraint grupo1 standby2 --wait=60
[ "$rc" = 0 ] || fail "move-with-constraint exited $rc: $(cat "$WORK/err")"
has_addr standby2 192.168.1.200 || fail "move-with-constraint --wait returned before the VIP runs on standby2"
on cluster1 constraint list | grep -q 'Enabled on: standby2 (score:INFINITY) .*(id:cli-prefer-grupo1)' ||
    fail "move-with-constraint left no cli-prefer-grupo1: $(on cluster1 constraint list)"
run resource clear grupo1 --wait=60
[ "$rc" = 0 ] || fail "clear exited $rc: $(cat "$WORK/err")"
# Stickiness keeps it where it is once the preference is gone.
has_addr standby2 192.168.1.200 || fail "grupo1 left standby2 after clear despite stickiness"

echo "== status shows the daemons of the node it runs on"
on standby1 status >"$WORK/status.txt"
grep -q '^Daemon Status:' "$WORK/status.txt" || fail "no Daemon Status in: $(cat "$WORK/status.txt")"
grep -qx '  corosync: active' "$WORK/status.txt" || fail "corosync not active: $(tail -n 4 "$WORK/status.txt")"
grep -qx '  vigild: active' "$WORK/status.txt" || fail "vigild not active: $(tail -n 4 "$WORK/status.txt")"
xml_status standby1 >"$WORK/status.xml"
xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/status.xml" ||
    fail "live status XML with daemons does not match the schema"
grep -q '<daemon name="corosync" active="true" enabled="unknown"/>' "$WORK/status.xml" ||
    fail "no corosync daemon element: $(grep daemon "$WORK/status.xml")"
echo "== a fence device cloned while it runs: the cluster settles"
# As the seed's commands do when typed one by one: the device starts as a
# primitive, then is cloned. Its history must follow it into the clone
# (recorded under the primitive's id, as Pacemaker does), or the instance is
# stopped again and again and the cluster never settles.
run stonith create st-extra stonith:null hostlist="cluster1 standby1 standby2" --wait=60
[ "$rc" = 0 ] || fail "stonith create st-extra exited $rc: $(cat "$WORK/err")"
first=$(cat "$WORK"/*-vigild.log | sed -n 's/.* st-extra start on \([a-z0-9]*\): rc=0 .*/\1/p' | head -n 1)
[ -n "$first" ] || fail "st-extra never started"
run resource clone st-extra --wait=60
[ "$rc" = 0 ] || fail "clone of a running device did not settle (exit $rc): $(cat "$WORK/err")"
# Stopping the instance that inherited the primitive's history: the stop
# must land on that history, or it is asked again forever.
run node standby "$first" --wait=60
[ "$rc" = 0 ] || fail "standby $first with a cloned device did not settle (exit $rc): $(cat "$WORK/err")"
stops=$(cat "$WORK"/*-vigild.log | grep -c 'st-extra[:0-9]* stop on .*: rc=0 ' || true)
[ "$stops" -le 3 ] || fail "st-extra stopped $stops times"
run node unstandby "$first" --wait=60
[ "$rc" = 0 ] || fail "unstandby $first exited $rc: $(cat "$WORK/err")"
echo "cli cluster ops test: ok"
