#!/bin/sh
# The seed's scenario (thesis chapter 4) on vigild: the group grupo1 of two
# IPaddr2 VIPs (resource-agents' agent, unchanged) with the seed's order and
# location constraints and a stonith:null clone, stonith disabled and
# no-quorum-policy=ignore. The group runs on cluster1; power cluster1 off ->
# standby1; power standby1 off -> standby2; power both on -> cluster1 again.
# After each step the VIP answers a client on the external network from the
# expected node's MAC, and the running nodes hold the same CIB.
#
# Usage: vigild_seed_test.sh VIGILD VIGIL_IPC_CLIENT   (as root)
set -eu

export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vis-}"
# shellcheck source=tests/integration/vigild_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/vigild_lib.sh"

[ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ] || fail "resource-agents' IPaddr2 is missing"

# shellcheck disable=SC2086 # one word per node
check_step() {
    where=$1
    t0=$2
    wait_for 90 vip_on "$where" || fail "the VIPs are not (only) on $where"
    echo "bench: ${3}: VIP answering from $where after $(($(ms) - t0)) ms"
    first=${running%% *}
    client "$first" --retry 20 wait 60000 >/dev/null || fail "no settle with the group on $where"
    wait_for 20 same_digest $running || fail "CIB digests differ on $running"
}

echo "== lab up (three directors and a client), corosync and vigild"
lab down
lab up cluster1 standby1 standby2 client
setup_corosync
t0=$(ms)
for n in $NODES; do start_corosync "$n"; done
for n in $NODES; do start_vigild "$n"; done
for n in $NODES; do
    wait_for 60 sees "$n" 3 cluster1 || fail "$n does not see 3 members with DC cluster1"
done
running="cluster1 standby1 standby2"

echo "== load the seed's configuration: the group runs on cluster1"
t0=$(ms)
client standby2 --retry 20 replace "$SEED_CIB" || fail "the seed's CIB was refused"
check_step cluster1 "$t0" "configuration loaded"
client cluster1 query | grep -q 'st-null.*_last_0.*operation="start"' ||
    fail "the stonith:null clone was not started"

echo "== power cluster1 off: the group moves to standby1"
t0=$(ms)
lab power-off cluster1
running="standby1 standby2"
check_step standby1 "$t0" "cluster1 powered off"

echo "== power standby1 off too: standby2 alone keeps the service (no-quorum-policy=ignore)"
t0=$(ms)
lab power-off standby1
running="standby2"
check_step standby2 "$t0" "standby1 powered off"

echo "== power both back on: the group returns to cluster1 (location 50, no stickiness)"
t0=$(ms)
lab power-on cluster1
lab power-on standby1
for n in cluster1 standby1; do
    start_corosync "$n"
    start_vigild "$n"
done
running="cluster1 standby1 standby2"
for n in $running; do
    wait_for 60 sees "$n" 3 cluster1 || fail "$n does not see 3 members with DC cluster1"
done
check_step cluster1 "$t0" "cluster1 and standby1 powered on"
echo "PASS"
