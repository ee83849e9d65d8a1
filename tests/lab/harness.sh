# Shared by the suites that run the seed's three directors on the lab
# (tests/integration, tests/cli's live tests, tests/reliability): the
# checks before a run, the small helpers every such test calls, and the
# corosync configuration of the directors (also the lab's own test uses the
# first part). Sourced after LAB (lab.sh's path) is set; the corosync
# configuration needs NODES and WORK, on() VIGIL, client() CLIENT.
# shellcheck shell=sh

# harness_require PROG...: every program is there, and we are root (the
# lab is network namespaces). A missing one fails the test, never skips it.
harness_require() {
    for prog in "$@"; do
        command -v "$prog" >/dev/null 2>&1 || {
            echo "FAIL: required program '$prog' not found" >&2
            exit 1
        }
    done
    [ "$(id -u)" = 0 ] || {
        echo "FAIL: needs root (network namespaces)" >&2
        exit 1
    }
}

lab() { sh "$LAB" "$@"; }
ms() { date +%s%3N; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# The vigil CLI on a node, against that node's vigild.
on() {
    node=$1
    shift
    lab exec "$node" env -u CIB_file "$VIGIL" "$@"
}
# The raw IPC client on a node.
client() {
    node=$1
    shift
    lab exec "$node" "$CLIENT" "$@"
}
# Polls a command every 0.1 s for up to $1 seconds.
wait_for() {
    limit=$1
    shift
    end=$(($(date +%s) + limit))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.1
    done
}

# harness_corosync_conf CLUSTER_NAME: corosync.conf (knet on the heartbeat
# ring, token 1000, crypto on) and a fresh authkey, written to WORK and
# installed on every director's disk.
harness_corosync_conf() {
    head -c 256 /dev/urandom >"$WORK/authkey"
    cat >"$WORK/corosync.conf" <<EOF
totem {
    version: 2
    cluster_name: $1
    transport: knet
    token: 1000
    crypto_cipher: aes256
    crypto_hash: sha256
}
nodelist {
    node {
        ring0_addr: 10.0.50.1
        name: cluster1
        nodeid: 1
    }
    node {
        ring0_addr: 10.0.50.2
        name: standby1
        nodeid: 2
    }
    node {
        ring0_addr: 10.0.50.3
        name: standby2
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_stderr: yes
    to_syslog: no
    timestamp: on
}
EOF
    for n in $NODES; do
        etc="$VIGIL_LAB_STATE/disk/$n/etc-corosync"
        cp "$WORK/corosync.conf" "$WORK/authkey" "$etc/"
        chmod 400 "$etc/authkey"
    done
}
