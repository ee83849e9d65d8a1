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
LAB="$HERE/../lab/lab.sh"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vcl-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/vcl-$$}"
NODES="cluster1 standby1 standby2"
WORK=$(mktemp -d /tmp/vigil-cli-cluster.XXXXXX)
case $VIGIL in /*) ;; *) VIGIL="$PWD/$VIGIL" ;; esac
case $VIGILD in /*) ;; *) VIGILD="$PWD/$VIGILD" ;; esac

for prog in corosync nsenter unshare ip xmllint "$VIGIL" "$VIGILD"; do
    command -v "$prog" >/dev/null 2>&1 || {
        echo "FAIL: required program '$prog' not found" >&2
        exit 1
    }
done
[ "$(id -u)" = 0 ] || {
    echo "FAIL: needs root (network namespaces)" >&2
    exit 1
}

cleanup() {
    rc=$?
    if [ "$rc" != 0 ]; then
        for f in "$WORK"/*.log; do
            [ -e "$f" ] || continue
            echo "---- $f (last 30 lines)"
            tail -n 30 "$f"
        done
    fi
    sh "$LAB" down || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lab() { sh "$LAB" "$@"; }
ms() { date +%s%3N; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# vigil on a node, against that node's vigild (default socket in its /run).
on() {
    node=$1
    shift
    lab exec "$node" env -u CIB_file "$VIGIL" "$@"
}
wait_for() {
    limit=$1
    shift
    end=$(($(date +%s) + limit))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.2
    done
}
xml_status() { on "$1" status --output-as=xml; }
online_count() {
    [ "$(xml_status "$1" | grep -c '<node [^>]*online="true"')" = "$2" ]
}
# The node where the scheduler's decision has been carried out: the group's
# first member reported running there.
runs_on() {
    xml_status "$1" | tr '\n' ' ' | grep -q "<resource id=\"IPVirtual_1\"[^>]*>[^/]*<running node=\"$2\" role=\"Started\" failed=\"false\"/>"
}
cib_digest() { on "$1" cib show | sed -n '/<configuration>/,/<\/configuration>/p' | sha256sum; }

echo "== lab up; corosync.conf from 'vigil cluster setup'"
# shellcheck disable=SC2086 # a list of node names
lab up $NODES
"$VIGIL" cluster setup vigil_cli cluster1=10.0.50.1 standby1=10.0.50.2 standby2=10.0.50.3 \
    --output "$WORK/cs" >/dev/null
# Logs to the test's files rather than the host's /var/log.
sed -i '/^logging {/,/^}/d' "$WORK/cs/corosync.conf"
printf 'logging {\n    to_stderr: yes\n    to_syslog: no\n    timestamp: on\n}\n' >>"$WORK/cs/corosync.conf"
for n in $NODES; do
    etc="$VIGIL_LAB_STATE/disk/$n/etc-corosync"
    cp -p "$WORK/cs/corosync.conf" "$WORK/cs/authkey" "$etc/"
done

t0=$(ms)
for n in $NODES; do lab spawn "$n" "$WORK/$n-corosync.log" corosync -f >/dev/null; done
for n in $NODES; do lab spawn "$n" "$WORK/$n-vigild.log" "$VIGILD" >/dev/null; done
for n in $NODES; do
    wait_for 60 online_count "$n" 3 || fail "$n does not see 3 online nodes: $(xml_status "$n" 2>&1 | head -5)"
done
echo "bench: cluster up, 3 nodes online in vigil status: $(($(ms) - t0)) ms"
xml_status cluster1 >"$WORK/status.xml"
xmllint --noout --relaxng "$HERE/../../schemas/vigil-status-1.rng" "$WORK/status.xml" ||
    fail "live status XML does not match the schema"
grep -q 'source="daemon"' "$WORK/status.xml" || fail "status does not come from the daemon"

echo "== the seed's commands, typed on cluster1"
t0=$(ms)
while IFS= read -r line; do
    case $line in '' | '#'*) continue ;; esac
    # shellcheck disable=SC2086
    eval "set -- $line"
    on cluster1 "$@" >"$WORK/cmd.out" 2>&1 || fail "vigil $line: $(cat "$WORK/cmd.out")"
done <"$HERE/seed-commands.txt"
echo "bench: 8 configuration commands through vigild: $(($(ms) - t0)) ms"
# vigild writes neither <nodes> nor the properties Pacemaker's controller
# adds (have-watchdog, dc-version, cluster-infrastructure): compare with the
# thesis text without those lines.
grep -v -e '^node ' -e 'have-watchdog=' -e 'dc-version=' -e 'cluster-infrastructure=' \
    "$HERE/data/seed-thesis-configure.txt" >"$WORK/thesis.live"
same_config() {
    on standby2 configure show | diff -u "$WORK/thesis.live" - >/dev/null
}
wait_for 10 same_config || {
    on standby2 configure show | diff -u "$WORK/thesis.live" - >&2 || true
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
