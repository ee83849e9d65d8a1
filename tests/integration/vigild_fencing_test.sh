#!/bin/sh
# Fencing on vigild: the seed's group (two IPaddr2 VIPs) with fencing
# enabled through the lab's power switch (stonith:fence_vigil_netns) and
# no-quorum-policy=stop. The links of the node running the group are CUT:
# it stays alive, holding its VIPs, but the majority loses it. The new DC
# must fence it (the netns agent downs its links and kills every process
# in it) and only then start the group on a survivor. Checked: the fencing
# is logged before the group's start, the cut node has no process left,
# the VIP answers from exactly one node, and the CIB status shows cluster1
# cleanly down with its history erased and the fencing outcome recorded.
#
# Usage: vigild_fencing_test.sh VIGILD VIGIL_IPC_CLIENT   (as root)
set -eu

export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vif-}"
# shellcheck source=tests/integration/vigild_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/vigild_lib.sh"

# shellcheck source=tests/integration/fencing_lib.sh
. "$HERE/fencing_lib.sh"
command -v xmllint >/dev/null 2>&1 || fail "xmllint is missing"
fencing_cib stop "$WORK/fencing.xml"

echo "== lab up (three directors and a client), corosync and vigild"
up_directors boot client

echo "== load the configuration (fencing enabled): the group runs on cluster1"
client standby2 --retry 20 replace "$WORK/fencing.xml" || fail "the CIB was refused"
wait_for 60 vip_on cluster1 || fail "the VIPs are not (only) on cluster1"

echo "== cut cluster1's links: the majority fences it, then recovers the group"
t0=$(ms)
lab cut cluster1
running="standby1 standby2"
wait_for 60 no_pids cluster1 ||
    fail "cluster1 was not fenced: processes $(lab pids cluster1 | tr '\n' ' ')remain"
echo "bench: cluster1 fenced (no process left) $(($(ms) - t0)) ms after the cut"
wait_for 60 vip_on standby1 || fail "the VIPs are not (only) on standby1 after fencing"
echo "bench: VIP answering from standby1 $(($(ms) - t0)) ms after the cut"

# The cut node still has its addresses, but the agent (action off; a lab
# "reboot" brings the links back without the daemons) downed every link of
# its namespace: it cannot answer.
if ip -n "${VIGIL_LAB_PREFIX}cluster1" -o link show dev enp0s3 | grep -q '[<,]UP[,>]'; then
    fail "cluster1's enp0s3 is still up after fencing"
fi

dc_log="$WORK/standby1-vigild.log"
fenced=$(grep -n 'node cluster1 fenced' "$dc_log" | head -n 1 | cut -d: -f1)
[ -n "$fenced" ] || fail "the DC (standby1) did not log the fencing of cluster1"
started=$(grep -n 'transition [0-9]*: IPVirtual_1_start_0 standby1 on standby1' "$dc_log" | head -n 1 | cut -d: -f1)
[ -n "$started" ] || fail "the DC did not log the start of IPVirtual_1 on standby1"
[ "$fenced" -lt "$started" ] || fail "IPVirtual_1 started on standby1 before cluster1 was fenced"
grep 'fencing \|fenced' "$dc_log" | head -n 5

client standby1 --retry 20 wait 60000 >/dev/null || fail "no settle after recovery"
wait_for 20 same_digest standby1 standby2 || fail "CIB digests differ on standby1 and standby2"

echo "== the fencing is in the CIB status: cluster1 cleanly down, no history, the outcome recorded"
client standby2 query >"$WORK/after-fence.xml"
ns='/cib/status/node_state[@uname="cluster1"]'
xp() { xmllint --xpath "$1" "$WORK/after-fence.xml" 2>/dev/null; }
for a in in_ccm=false crmd=offline join=down expected=down vigil-fence-result=ok \
    vigil-fence-action=off vigil-fence-device=fence-lab vigil-fence-by=standby1; do
    got=$(xp "string($ns/@${a%%=*})")
    [ "$got" = "${a#*=}" ] || fail "cluster1's node_state has ${a%%=*}='$got', expected '${a#*=}'"
done
[ "$(xp "count($ns//lrm_rsc_op)")" = 0 ] || fail "cluster1 still has operation history"
[ "$(xp "count($ns/transient_attributes)")" = 0 ] || fail "cluster1 still has transient attributes"
at=$(xp "string($ns/@vigil-fenced-at)")
now=$(date +%s)
if [ -z "$at" ] || [ "$at" -gt "$now" ] || [ "$at" -le $((now - 300)) ]; then
    fail "vigil-fenced-at '$at' is not a recent time (now $now)"
fi
xp "$ns" | head -c 400
echo
vip_on standby1 || fail "the VIPs moved again after settling"
echo "PASS"
