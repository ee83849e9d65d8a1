#!/bin/sh
# no-quorum-policy=fence on vigild: a partition that loses quorum powers
# off its own members. The seed's group with fencing through the lab's
# power switch (stonith:fence_vigil_netns) and no-quorum-policy=fence.
# 1. cluster1 (running the group) is cut off: it is powered off (by
#    itself or by the majority, whichever comes first), the majority keeps
#    running and recovers the group on standby1.
# 2. standby1 is cut off too: now no partition has quorum, so standby1 and
#    standby2 each power themselves off. Their own logs show each one
#    fencing itself; no node is left with a process.
#
# Usage: vigild_quorum_fence_test.sh VIGILD VIGIL_IPC_CLIENT   (as root)
set -eu

export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-viq-}"
# shellcheck source=tests/integration/vigild_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/vigild_lib.sh"
# shellcheck source=tests/integration/fencing_lib.sh
. "$HERE/fencing_lib.sh"
fencing_cib fence "$WORK/quorum-fence.xml"

echo "== lab up (three directors and a client), corosync and vigild"
up_directors boot client

echo "== load the configuration (no-quorum-policy=fence): the group runs on cluster1"
client standby2 --retry 20 replace "$WORK/quorum-fence.xml" || fail "the CIB was refused"
wait_for 60 vip_on cluster1 || fail "the VIPs are not (only) on cluster1"
for n in $NODES; do
    no_pids "$n" && fail "$n was powered off although the cluster is quorate"
done

echo "== cut cluster1: it is powered off, the quorate majority recovers the group"
lab cut cluster1
running="standby1 standby2"
wait_for 60 no_pids cluster1 ||
    fail "cluster1 was not fenced: processes $(lab pids cluster1 | tr '\n' ' ')remain"
wait_for 60 vip_on standby1 || fail "the VIPs are not (only) on standby1 after cluster1 went"
for n in standby1 standby2; do
    no_pids "$n" && fail "$n was powered off although its partition is quorate"
    grep -q "fencing its member $n" "$WORK/$n-vigild.log" &&
        fail "$n fenced itself although its partition is quorate"
done

echo "== cut standby1 too: no partition has quorum, standby1 and standby2 power themselves off"
lab cut standby1
for n in standby1 standby2; do
    wait_for 60 no_pids "$n" ||
        fail "$n is still running without quorum: processes $(lab pids "$n" | tr '\n' ' ')remain"
    grep -q "lost quorum and no-quorum-policy=fence: fencing its member $n" "$WORK/$n-vigild.log" ||
        fail "$n's own vigild did not fence it"
    grep "fencing its member\|fencing $n" "$WORK/$n-vigild.log" | head -n 3
done
# Each lone node fenced only itself: the other one was not its member.
grep -q "fencing its member standby2" "$WORK/standby1-vigild.log" &&
    fail "standby1 fenced standby2, which it could not see"
grep -q "fencing its member standby1" "$WORK/standby2-vigild.log" &&
    fail "standby2 fenced standby1, which it could not see"
echo "PASS"
