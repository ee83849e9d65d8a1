#!/bin/sh
# no-quorum-policy=demote on vigild, with Pacemaker's own Stateful agent (a
# promotable clone, promoted on cluster1 by a role=Promoted location) and a
# Dummy primitive on cluster1. cluster1 is cut off: alone it has no
# quorum, so it demotes its promoted instance (which keeps running, now
# unpromoted) and stops the primitive, while the quorate majority promotes
# an instance of its own. Checked through the agents' own state files on
# each node and the history in cluster1's CIB.
#
# Usage: vigild_quorum_demote_test.sh VIGILD VIGIL_IPC_CLIENT   (as root)
set -eu

export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vid-}"
# shellcheck source=tests/integration/vigild_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/vigild_lib.sh"
STATEFUL=/usr/lib/ocf/resource.d/pacemaker/Stateful
[ -x "$STATEFUL" ] || fail "pacemaker-resource-agents' Stateful agent is missing"
[ -x /usr/lib/ocf/resource.d/pacemaker/Dummy ] || fail "pacemaker-resource-agents' Dummy is missing"

cat >"$WORK/demote.xml" <<'XML'
<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="opts">
        <nvpair id="opts-stonith-enabled" name="stonith-enabled" value="false"/>
        <nvpair id="opts-no-quorum-policy" name="no-quorum-policy" value="demote"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>
      <clone id="ms">
        <meta_attributes id="ms-meta">
          <nvpair id="ms-meta-promotable" name="promotable" value="true"/>
        </meta_attributes>
        <primitive id="st" class="ocf" provider="pacemaker" type="Stateful">
          <operations>
            <op id="st-mon-p" name="monitor" interval="3s" role="Promoted"/>
            <op id="st-mon-u" name="monitor" interval="4s" role="Unpromoted"/>
          </operations>
        </primitive>
      </clone>
      <primitive id="dummy" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints>
      <rsc_location id="ms-promoted-on-cluster1" rsc="ms" role="Promoted" node="cluster1" score="100"/>
      <rsc_location id="ms-promoted-standby1" rsc="ms" role="Promoted" node="standby1" score="50"/>
      <rsc_location id="dummy-on-cluster1" rsc="dummy" node="cluster1" score="100"/>
    </constraints>
  </configuration>
  <status/>
</cib>
XML

# state NODE: what Stateful on NODE says it is (Promoted, Unpromoted or "").
state() { lab exec "$1" cat /run/Stateful-st.state 2>/dev/null || true; }
is_state() { [ "$(state "$1")" = "$2" ]; }
dummy_on() { lab exec "$1" test -e /run/Dummy-dummy.state; }
dummy_gone() { ! dummy_on "$1"; }

echo "== lab up (three directors), corosync and vigild"
boot() {
    start_corosync "$1"
    start_vigild "$1"
}
up_directors boot

echo "== load: Stateful promoted on cluster1, unpromoted elsewhere, dummy on cluster1"
client standby2 --retry 20 replace "$WORK/demote.xml" || fail "the CIB was refused"
wait_for 60 is_state cluster1 Promoted || fail "st is not promoted on cluster1 ($(state cluster1))"
for n in standby1 standby2; do
    wait_for 60 is_state "$n" Unpromoted || fail "st is not unpromoted on $n ($(state "$n"))"
done
wait_for 30 dummy_on cluster1 || fail "dummy does not run on cluster1"

echo "== cut cluster1: without quorum it demotes st and stops dummy; the majority promotes"
lab cut cluster1
wait_for 60 is_state standby1 Promoted || fail "the majority did not promote st on standby1"
wait_for 60 is_state cluster1 Unpromoted ||
    fail "cluster1 did not demote st without quorum ($(state cluster1))"
wait_for 60 dummy_gone cluster1 || fail "dummy still runs on cluster1 without quorum"
grep -q "cluster lost quorum" "$WORK/cluster1-vigild.log" || fail "cluster1 did not log the loss of quorum"
grep "transition .*: st[:0-9]*_demote_0\|transition .*: dummy_stop_0" "$WORK/cluster1-vigild.log" | head -n 4
grep -q "transition .*: st[:0-9]*_demote_0 cluster1" "$WORK/cluster1-vigild.log" ||
    fail "cluster1 did not log the demotion of st"
# Demoted, not stopped: its unpromoted monitor keeps watching it.
sleep 5
is_state cluster1 Unpromoted || fail "st on cluster1 went from Unpromoted to '$(state cluster1)'"
echo "PASS"
