#!/bin/sh
# vigil against a live cluster: the three directors of the seed as lab
# namespaces (tests/lab/lab.sh), corosync configured by `vigil cluster
# setup`, vigild on each. The seed's pcs sequence is typed on cluster1 and
# must show up identically on standby2; bad input is refused with the CIB
# digest unchanged on every node; the status XML validates; standby shows on
# every node. With MODE=placement it goes on to check that move, ban, clear
# and standby change where the group runs (this needs vigild to run
# resources). Timings are printed, not asserted (liveness bounds only).
#
# Usage: cluster_test.sh VIGIL VIGILD [config|placement]   (as root)
set -eu

VIGIL=${1:?path to vigil}
VIGILD=${2:?path to vigild}
MODE=${3:-config}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/cli/cluster_lib.sh
. "$HERE/cluster_lib.sh"

echo "== lab up; corosync.conf from 'vigil cluster setup'"
bring_up
xml_status cluster1 >"$WORK/status.xml"
xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/status.xml" ||
    fail "live status XML does not match the schema"
grep -q 'source="daemon"' "$WORK/status.xml" || fail "status does not come from the daemon"

echo "== the seed's commands, typed on cluster1"
type_seed_commands
# The DC records the nodes and, like Pacemaker's controller, have-watchdog,
# dc-version and cluster-infrastructure, with its own values and order:
# compare with the thesis text without those three properties.
no_dc_props() { grep -v -e 'have-watchdog=' -e 'dc-version=' -e 'cluster-infrastructure='; }
no_dc_props <"$HERE/data/seed-thesis-configure.txt" >"$WORK/thesis.live"
same_config() {
    on standby2 configure show | no_dc_props | diff -u "$WORK/thesis.live" - >/dev/null
}
wait_for 10 same_config || {
    on standby2 configure show | no_dc_props | diff -u "$WORK/thesis.live" - >&2 || true
    fail "standby2's configure show differs from the thesis"
}

echo "== bad input is refused and the CIB digest stays the same on every node"
for n in $NODES; do cib_digest "$n" >"$WORK/$n.digest"; done
set +e
on cluster1 resource delete IPVirtual_3 2>"$WORK/err"
rc=$?
set -e
[ "$rc" = 4 ] || fail "delete of a missing resource gave $rc, expected 4"
grep -q "did you mean 'IPVirtual_2'" "$WORK/err" || fail "no suggestion: $(cat "$WORK/err")"
set +e
on standby1 constraint location grupo1 prefers cluster1=fifty 2>"$WORK/err"
rc=$?
set -e
[ "$rc" = 3 ] || fail "a bad score gave $rc, expected 3"
for n in $NODES; do
    [ "$(cib_digest "$n")" = "$(cat "$WORK/$n.digest")" ] || fail "$n's CIB changed after refused input"
done

echo "== node standby made on cluster1 shows in standby2's status"
on cluster1 node standby cluster1 >/dev/null
standby_seen() { xml_status standby2 | grep -q '<node name="cluster1"[^>]*standby="true"'; }
wait_for 10 standby_seen || fail "standby2 does not see cluster1 in standby"
on standby1 node unstandby cluster1 >/dev/null
unstandby_seen() { xml_status standby2 | grep -q '<node name="cluster1"[^>]*standby="false"'; }
wait_for 10 unstandby_seen || fail "cluster1 still in standby after unstandby"

if [ "$MODE" != placement ]; then
    echo "cli cluster test ($MODE): ok"
    exit 0
fi

echo "== placement: the group starts on cluster1 (location 50)"
t0=$(ms)
wait_for 60 runs_on cluster1 cluster1 || fail "grupo1 did not start on cluster1: $(on cluster1 status)"
echo "bench: group started after configuration: $(($(ms) - t0)) ms"
on cluster1 status

echo "== move, clear, ban, standby"
t0=$(ms)
on cluster1 resource move grupo1 standby1 >/dev/null
wait_for 60 runs_on standby2 standby1 || fail "move: grupo1 not on standby1: $(on cluster1 status)"
echo "bench: move to running on standby1: $(($(ms) - t0)) ms"
on cluster1 resource clear grupo1 >/dev/null
wait_for 60 runs_on cluster1 cluster1 || fail "clear: grupo1 did not return to cluster1"
on cluster1 resource ban grupo1 cluster1 >/dev/null
wait_for 60 runs_on cluster1 standby1 || wait_for 5 runs_on cluster1 standby2 || fail "ban: grupo1 still on cluster1"
on cluster1 resource clear grupo1 >/dev/null
wait_for 60 runs_on cluster1 cluster1 || fail "clear after ban: not back on cluster1"
on cluster1 node standby cluster1 >/dev/null
wait_for 60 runs_on cluster1 standby1 || wait_for 5 runs_on cluster1 standby2 || fail "standby: grupo1 still on cluster1"
xml_status cluster1 | grep -q '<node name="cluster1"[^>]*standby="true"' || fail "status does not show cluster1 in standby"
on cluster1 node unstandby cluster1 >/dev/null
wait_for 60 runs_on cluster1 cluster1 || fail "unstandby: not back on cluster1"
echo "cli cluster test ($MODE): ok"
