# Shared by the live CLI tests (cluster_test.sh, cluster_ops_test.sh): the
# three directors of the seed as lab namespaces (tests/lab/lab.sh), corosync
# configured by `vigil cluster setup`, vigild on each, and helpers to run
# vigil on a node and poll its status. Sourced after VIGIL, VIGILD and HERE
# are set.
# shellcheck shell=sh
LAB="$HERE/../lab/lab.sh"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vcl-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${VIGIL_LAB_PREFIX%-}-$$}"
NODES="cluster1 standby1 standby2"
WORK=$(mktemp -d /tmp/vigil-cli-cluster.XXXXXX)
case $VIGIL in /*) ;; *) VIGIL="$PWD/$VIGIL" ;; esac
case $VIGILD in /*) ;; *) VIGILD="$PWD/$VIGILD" ;; esac

# shellcheck source=tests/lab/harness.sh
. "$HERE/../lab/harness.sh"
harness_require corosync nsenter unshare ip xmllint "$VIGIL" "$VIGILD"

cleanup() {
    rc=$?
    if [ "$rc" != 0 ]; then
        for f in "$WORK"/*.log; do
            [ -e "$f" ] || continue
            echo "---- $f (last 30 lines)"
            tail -n 30 "$f"
        done
        # VIGIL_TEST_KEEP_LOGS=DIR keeps the whole logs of a failed run.
        if [ -n "${VIGIL_TEST_KEEP_LOGS:-}" ]; then
            mkdir -p "$VIGIL_TEST_KEEP_LOGS" && { cp "$WORK"/*.log "$VIGIL_TEST_KEEP_LOGS/" || true; }
        fi
    fi
    sh "$LAB" down || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

xml_status() { on "$1" status --output-as=xml; }
online_count() {
    [ "$(xml_status "$1" | grep -c '<node [^>]*online="true"')" = "$2" ]
}
# The node where the scheduler's decision has been carried out: the
# resource (default IPVirtual_1, the group's first member) reported running
# there, as node $1 sees it.
runs_on() {
    xml_status "$1" | tr '\n' ' ' |
        grep -q "<resource id=\"${3:-IPVirtual_1}\"[^>]*>[^/]*<running node=\"$2\" role=\"Started\" failed=\"false\"/>"
}
cib_digest() { on "$1" cib show | sed -n '/<configuration>/,/<\/configuration>/p' | sha256sum; }
# Whether address $2 is configured on one of node $1's interfaces.
has_addr() { lab exec "$1" ip -o addr show | grep -q " inet $2/"; }

# lab up, corosync.conf from `vigil cluster setup`, corosync and vigild on
# the three directors, until each sees three nodes online.
bring_up() {
    # shellcheck disable=SC2086 # a list of node names
    lab up $NODES
    # The seed's cluster name: the DC records corosync's name as the
    # cluster-name property, as Pacemaker's controller does.
    "$VIGIL" cluster setup debian cluster1=10.0.50.1 standby1=10.0.50.2 standby2=10.0.50.3 \
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
}

# The seed's pcs sequence (seed-commands.txt), typed on cluster1.
# shellcheck disable=SC2120 # set -- inside rebuilds the words of each line
type_seed_commands() {
    t0=$(ms)
    while IFS= read -r line; do
        case $line in '' | '#'*) continue ;; esac
        # shellcheck disable=SC2086
        eval "set -- $line"
        on cluster1 "$@" >"$WORK/cmd.out" 2>&1 || fail "vigil $line: $(cat "$WORK/cmd.out")"
    done <"$HERE/seed-commands.txt"
    echo "bench: 8 configuration commands through vigild: $(($(ms) - t0)) ms"
}
