#!/bin/sh
# Three directors (cluster1, standby1, standby2) as lab namespaces, each with
# its own corosync 3 (knet on the heartbeat bridge, crypto on) and vigild.
# Checks membership, one DC everywhere, CIB replication through the IPC
# socket, the DC's record of nodes and properties, failure-timeout expiry
# rerunning the scheduler, conflict detection, a vigild restart rejoining,
# an update made while a node is powered off reaching it when it returns,
# and a tampered CIB file being refused at start. Prints timings (measured, not asserted).
#
# Usage: vigild_cluster_test.sh VIGILD VIGIL_IPC_CLIENT   (as root)
set -eu

# shellcheck source=tests/integration/vigild_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/vigild_lib.sh"

write_cib() {
    cat >"$1" <<EOF
<cib admin_epoch="0" epoch="0" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="opt-stonith" name="stonith-enabled" value="false"/>
        <nvpair id="opt-quorum" name="no-quorum-policy" value="ignore"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>
      <primitive id="$2" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="$2-meta">
          <nvpair id="$2-meta-ft" name="failure-timeout" value="4s"/>
          <nvpair id="$2-meta-mt" name="migration-threshold" value="1"/>
        </meta_attributes>
        <operations>
          <op id="$2-monitor-1s" name="monitor" interval="1s"/>
        </operations>
      </primitive>
    </resources>
    <constraints>
      <rsc_location id="$2-prefers-cluster1" rsc="$2" node="cluster1" score="100"/>
    </constraints>
  </configuration>
  <status/>
</cib>
EOF
}

echo "== lab up"
lab down  # whatever an interrupted run with this prefix left behind
lab up cluster1 standby1 standby2
setup_corosync

echo "== start corosync and vigild on the three directors"
t0=$(ms)
for n in $NODES; do start_corosync "$n"; done
for n in $NODES; do start_vigild "$n"; done
for n in $NODES; do
    wait_for 60 sees "$n" 3 cluster1 || fail "$n does not see 3 members with DC cluster1"
done
echo "bench: bring-up to 3 members and one DC on all nodes: $(($(ms) - t0)) ms"
client cluster1 status

# The DC writes what Pacemaker's DC writes: a <node> for every node in
# corosync's nodelist and the cluster-wide properties, once.
has_dc_record() {
    cib=$(client "$1" query) || return 1
    for want in '<node id="1" uname="cluster1"/>' '<node id="2" uname="standby1"/>' \
        '<node id="3" uname="standby2"/>' 'name="dc-version" value="vigil-' \
        'name="cluster-infrastructure" value="corosync"' 'name="cluster-name" value="vigil_it"' \
        'name="have-watchdog" value="false"'; do
        echo "$cib" | grep -qF "$want" || return 1
    done
}
epoch_of() { client "$1" version | cut -d. -f1,2; }

echo "== the DC records the nodes and cluster properties in the CIB, once"
for n in $NODES; do
    wait_for 10 has_dc_record "$n" || fail "$n's CIB lacks the DC's nodes and properties"
done
v0=$(client standby1 version)
sleep 1
[ "$(epoch_of cluster1)" = "${v0%.*}" ] || fail "the epoch moves without changes: $v0 -> $(client cluster1 version)"

echo "== a CIB update through standby1's socket reaches every node"
write_cib "$WORK/cib1.xml" dummy1
t0=$(ms)
client standby1 replace "$WORK/cib1.xml" "$v0" || fail "replace via standby1 refused"
wait_for 10 same_digest cluster1 standby1 standby2 || fail "digests differ after the update"
echo "bench: replace answered and replicated to 3 nodes: $(($(ms) - t0)) ms"
for n in $NODES; do
    client "$n" query | grep -q 'id="dummy1"' || fail "$n lacks dummy1"
    # The update had no <node> entries: the DC adds them back (one more
    # epoch); the properties were carried over by the replace itself.
    wait_for 10 has_dc_record "$n" || fail "$n: the DC did not restore its record after the update"
done

echo "== the DC's controller starts dummy1 through the executor; the result is in every CIB"
t0=$(ms)
client standby2 --retry 10 wait 30000 || fail "the cluster did not settle after the update"
echo "bench: update to settled (dummy1 started): $(($(ms) - t0)) ms"
wait_for 10 same_digest cluster1 standby1 standby2 || fail "digests differ after the start"
client standby2 query >"$WORK/cib-after-start.xml"
grep -q 'id="dummy1_last_0".*operation="start".*rc-code="0"' "$WORK/cib-after-start.xml" ||
    fail "no successful start of dummy1 recorded in the status section"
grep "transition .* started" "$WORK/cluster1-vigild.log" >/dev/null ||
    fail "the DC (cluster1) did not run a transition"

echo "== failure-timeout: a failed dummy1 leaves cluster1, and returns when the failure expires"
# Nothing but the clock changes when the failure expires: the DC must run
# the scheduler again by itself (recheck at the expiry).
last_op() {  # NODE: operation of dummy1's last op there
    client cluster1 query | xmllint --xpath \
        "string(//node_state[@uname='$1']//lrm_rsc_op[@id='dummy1_last_0']/@operation)" -
}
running_elsewhere() {
    [ "$(last_op cluster1)" = stop ] &&
        { [ "$(last_op standby1)" = start ] || [ "$(last_op standby2)" = start ]; }
}
[ "$(last_op cluster1)" = start ] || fail "dummy1 does not run on cluster1 (its preferred node)"
lab exec cluster1 rm -f /run/resource-agents/Dummy-dummy1.state
wait_for 20 running_elsewhere || fail "dummy1 did not move off cluster1 after its monitor failed"
t0=$(ms)
back_on_cluster1() { [ "$(last_op cluster1)" = start ]; }
wait_for 30 back_on_cluster1 ||
    fail "dummy1 did not return to cluster1 after failure-timeout (4 s)"
echo "bench: dummy1 back on cluster1 $(($(ms) - t0)) ms after it moved away (failure-timeout 4 s)"
grep -q "recheck time reached" "$WORK/cluster1-vigild.log" ||
    fail "the DC did not log a recheck at the failure's expiry"
client cluster1 --retry 10 wait 30000 >/dev/null || fail "no settle after dummy1 returned"

echo "== a stale expect-epoch is refused with rc=conflict (3)"
set +e
client cluster1 replace "$WORK/cib1.xml" 0.0.0 2>"$WORK/conflict.err"
rc=$?
set -e
[ "$rc" = 3 ] || fail "stale replace gave rc=$rc, expected 3 (conflict)"
grep -q "changed meanwhile" "$WORK/conflict.err" || fail "conflict without a reason"

echo "== a malformed request is refused with a reason"
set +e
client cluster1 raw '<vigil-request version="1" op="reboot" id="5"/>' 2>"$WORK/bad.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "unknown op gave rc=$rc, expected 1 (invalid-request)"
grep -q "unknown operation" "$WORK/bad.err" || fail "no reason for the unknown op"

echo "== kill vigild on standby2: the others see it go; restarted, it rejoins with the CIB"
kill -KILL "$(cat "$WORK/standby2-vigild.pid")"
wait_for 20 sees cluster1 2 cluster1 || fail "cluster1 still sees standby2's vigild"
rm -f "$VIGIL_LAB_STATE/disk/standby2/var-lib/vigil/cib.xml" \
    "$VIGIL_LAB_STATE/disk/standby2/var-lib/vigil/cib.xml.sig"
t0=$(ms)
start_vigild standby2
wait_for 30 sees standby2 3 cluster1 || fail "restarted standby2 did not rejoin"
wait_for 10 same_digest cluster1 standby1 standby2 || fail "restarted standby2 did not get the CIB"
echo "bench: vigild restart to rejoined with the CIB: $(($(ms) - t0)) ms"

echo "== power standby2 off, update, power it on: the update reaches it"
lab power-off standby2
[ -z "$(lab pids standby2)" ] || fail "processes survive power-off in standby2"
wait_for 30 sees cluster1 2 cluster1 || fail "cluster1 still sees standby2 after power-off"
write_cib "$WORK/cib2.xml" dummy2
client cluster1 --retry 10 replace "$WORK/cib2.xml" || fail "update while standby2 is off refused"
wait_for 10 same_digest cluster1 standby1 || fail "survivors disagree"
lab power-on standby2
t0=$(ms)
start_corosync standby2
start_vigild standby2
wait_for 60 sees standby2 3 cluster1 || fail "standby2 did not rejoin after power-on"
wait_for 10 same_digest cluster1 standby1 standby2 || fail "standby2 did not get the update made while it was off"
client standby2 query | grep -q 'id="dummy2"' || fail "standby2 lacks dummy2"
echo "bench: power-on (corosync start) to rejoined with the CIB: $(($(ms) - t0)) ms"
grep -q "older than the cluster's" "$WORK/standby2-vigild.log" ||
    fail "standby2 did not log taking the newer cluster CIB"

echo "== a tampered CIB file is refused at start, kept aside, and replaced by the cluster's"
kill -TERM "$(cat "$WORK/standby1-vigild.pid")"
wait_for 20 sees cluster1 2 cluster1 || fail "cluster1 still sees standby1's vigild"
disk="$VIGIL_LAB_STATE/disk/standby1/var-lib/vigil"
sed 's/dummy2/tampered/' "$disk/cib.xml" >"$disk/cib.xml.new"
mv "$disk/cib.xml.new" "$disk/cib.xml"
start_vigild standby1
wait_for 30 sees standby1 3 cluster1 || fail "standby1 did not rejoin"
wait_for 10 same_digest cluster1 standby1 standby2 || fail "standby1 did not take the cluster's CIB"
grep -q "refusing .*digest mismatch" "$WORK/standby1-vigild.log" ||
    fail "standby1 did not report the tampered file"
ls "$disk"/cib.xml.refused-* >/dev/null || fail "no backup of the refused file"
client standby1 query | grep -q tampered && fail "the tampered copy is in use"

echo "== cleanup through the socket clears dummy2's history, and the DC re-probes nothing it should not"
client cluster1 --retry 10 cleanup dummy2 || fail "cleanup of dummy2 refused"
set +e
client cluster1 cleanup nosuch 2>"$WORK/cleanup.err"
rc=$?
set -e
[ "$rc" = 5 ] || fail "cleanup of an unknown resource gave rc=$rc, expected 5 (not-found)"

echo "== power the DC (cluster1) off: standby1 becomes DC and dummy2 runs there"
client cluster1 --retry 10 wait 30000 || fail "not settled before the failover"
epoch_before=$(epoch_of standby1)
client cluster1 query | grep -q 'dummy2_last_0.*operation="start".*on_node="cluster1"' ||
    fail "dummy2 is not running on cluster1 before the failover"
t0=$(ms)
lab power-off cluster1
wait_for 30 sees standby1 2 standby1 || fail "standby1 did not become DC"
echo "bench: power-off of the DC to a new DC: $(($(ms) - t0)) ms"
client standby1 --retry 10 wait 30000 || fail "no settle after the failover"
echo "bench: power-off of the DC to dummy2 started elsewhere (settled): $(($(ms) - t0)) ms"
client standby2 query >"$WORK/cib-after-failover.xml"
grep -q 'dummy2_last_0.*operation="start".*on_node="standby1".*rc-code="0"' \
    "$WORK/cib-after-failover.xml" || fail "dummy2 did not start on standby1"
wait_for 10 same_digest standby1 standby2 || fail "survivors disagree after the failover"
# A new DC with nothing new to record changes no configuration.
[ "$(epoch_of standby2)" = "$epoch_before" ] ||
    fail "the DC change bumped the epoch: $epoch_before -> $(epoch_of standby2)"

echo "== the socket is root:haclient 0660: haclient members get answers, other users do not"
mkdir -p "$WORK/bin"
cp "$CLIENT" "$WORK/bin/client"
chmod 755 "$WORK" "$WORK/bin" "$WORK/bin/client"
hauid=$(id -u hacluster) || fail "no hacluster user (pacemaker-cli-utils creates it)"
hagid=$(getent group haclient | cut -d: -f3)
[ -n "$hagid" ] || fail "no haclient group"
lab exec standby1 stat -c '%a %U:%G' /run/vigil/vigild.sock | grep -qx "660 root:haclient" ||
    fail "socket mode/owner: $(lab exec standby1 stat -c '%a %U:%G' /run/vigil/vigild.sock)"
lab exec standby1 setpriv --reuid="$hauid" --regid="$hagid" --clear-groups \
    "$WORK/bin/client" status >/dev/null || fail "a haclient member was refused"
set +e
lab exec standby1 setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$WORK/bin/client" status 2>"$WORK/nobody.err"
rc=$?
set -e
[ "$rc" != 0 ] || fail "user nobody got an answer from vigild"
grep -q "Permission denied" "$WORK/nobody.err" || fail "nobody was not refused: $(cat "$WORK/nobody.err")"

echo "== footprint"
for n in standby1 standby2; do
    pid=$(cat "$WORK/$n-vigild.pid")
    echo "bench: vigild RSS on $n: $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"
done
echo "PASS"
