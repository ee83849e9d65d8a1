#!/bin/sh
# Failover benchmark for one stack and one fault (a measurement, never a
# pass/fail test). Builds the three-director lab plus a client (tests/lab),
# starts a responder on every director and the stack, then repeats RUNS
# times: fault on the active director (cluster1), wait for the VIP to answer
# from another director, undo the fault, wait for cluster1 to answer again.
# A probe in the client connects to the VIP every 10 ms throughout.
#
# Usage: run.sh [-n RUNS] [-o OUTDIR] STACK FAULT      (as root)
#   STACK: keepalived-1 keepalived-0.1 pacemaker-1000 pacemaker-default
#          vigil-1000 vigil-fast
#   FAULT: poweroff (links cut, every process killed, /run lost)
#          cut      (heartbeat enp0s9 and external enp0s3 unplugged; the
#                    analysis also dates the heal of the split: corosync's
#                    merge to one holder of each VIP)
#          haproxy  (HAProxy in front of the responder, probed on port 80;
#                    the haproxy process on cluster1 killed by PID. The
#                    cluster managers run it as ocf:vigil:haproxy with a
#                    monitor every 1 s, the example's; haproxyN: every N s.
#                    The kill comes at a random moment of the monitor
#                    cycle (seeded by the run number): the fixed waits
#                    before it would otherwise put it at the same phase
#                    every run, just after a monitor, the worst case.
#                    keepalived runs it by hand on every director, as the
#                    seed did; keepalived-1-track adds a vrrp_script)
#          soak     (no fault: after SOAK_SETTLE s (30), SOAK_SECONDS (1800) of watching for
#                    failovers, DC and membership changes; SOAK_LOAD=1 adds
#                    client traffic through the VIP; into OUT/<stack>-soak*.tsv)
#          idle     (no fault: the stack's footprint over IDLE_SECONDS, default
#                    60, into OUT/<stack>-idle.footprint.tsv)
#          cli      (no fault: CLI_CHANGES, default 100, resource creations
#                    each followed by a status query, into OUT/<stack>-cli.tsv)
# Writes OUTDIR/<stack>-<fault>.{tsv,probe,events,holders} and the stack's
# logs under OUTDIR/logs/<stack>-<fault>/.
# Environment: VIGILD, VIGIL (programs, default build-bench/), VIGIL_LAB_PREFIX
# (default vb-), HAPROXY_WAIT (seconds a killed haproxy may stay down before
# the run gives up on it and restarts it by hand, default 30).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LAB="$ROOT/tests/lab/lab.sh"
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-vb-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${VIGIL_LAB_PREFIX%-}}"
P=$VIGIL_LAB_PREFIX
RUNS=10
OUT=$ROOT/bench/results/$(date +%Y-%m-%d)
while getopts n:o: opt; do
    case $opt in
        n) RUNS=$OPTARG ;;
        o) OUT=$OPTARG ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
STACK=${1:?stack}
FAULT=${2:?fault}
NODES="cluster1 standby1 standby2"
VIP=192.168.1.200
VIP2=10.0.100.200
PORT=8080
ACTIVE=cluster1
SERIES=$STACK-$FAULT
# The probe's port: the responder itself, or HAProxy in front of it.
PROBE_PORT=$PORT
HAPROXY_MONITOR=""
HAPROXY_CFG=""
case $FAULT in
    haproxy) HAPROXY_MONITOR=1s ;;
    haproxy[0-9]*) HAPROXY_MONITOR=${FAULT#haproxy}s ;;
esac
LOGS=$OUT/logs/$SERIES
WORK=$(mktemp -d /tmp/vigil-bench.XXXXXX)
mkdir -p "$OUT" "$LOGS"

die() {
    echo "bench: $SERIES: $*" >&2
    exit 1
}
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
lab() { sh "$LAB" "$@"; }
ms() { date +%s%3N; }
note() { echo "bench: $SERIES: $*" >&2; }

PROBE_PID=""
HOLDERS_PID=""
HOLDERS2_PID=""
cleanup() {
    rc=$?
    [ -z "$PROBE_PID" ] || kill "$PROBE_PID" 2>/dev/null || true
    [ -z "$HOLDERS_PID" ] || kill "$HOLDERS_PID" 2>/dev/null || true
    [ -z "$HOLDERS2_PID" ] || kill "$HOLDERS2_PID" 2>/dev/null || true
    # Every daemon lives in a node: lab down kills them node by node.
    lab down || true
    cp "$WORK"/*.log "$LOGS/" 2>/dev/null || true
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls a command every 0.05 s for up to $1 seconds.
wait_for() {
    limit=$1
    shift
    end=$(($(date +%s) + limit))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$end" ] || return 1
        sleep 0.05
    done
}

# The director that answered the probe's latest successful request, if it
# answered within the last second.
last_answer() {
    tail -n 200 "$PROBE_LOG" | awk -v now="$(ms)" \
        '$3 !~ /^!/ && now - $2 < 1000 { a = $3 } END { print a }'
}
answered_by() { [ "$(last_answer)" = "$1" ]; }
# An answer to a probe sent after a failed one, both sent after epoch ms $1.
answering_again() {
    tail -n 5000 "$PROBE_LOG" | awk -v t0="$1" '$1 >= t0 && $3 ~ /^!/ { failed = 1 }
        $1 >= t0 && failed && $3 !~ /^!/ { found = 1; exit } END { exit !found }'
}
# The haproxy processes of a node, by PID (every stack runs one there).
haproxy_pids() {
    for p in $(lab pids "$1"); do
        c=""
        { read -r c </proc/"$p"/comm; } 2>/dev/null || true
        [ "$c" != haproxy ] || echo "$p"
    done
}

# HAProxy in front of each director's responder: the VIP's port 80 to the
# local responder, so an answer still names the director.
write_haproxy_cfg() {
    cat >"$1" <<EOH
global
    maxconn 2000
defaults
    mode tcp
    timeout connect 2s
    timeout client 3s
    timeout server 3s
frontend bench
    bind $VIP:80
    default_backend responder
backend responder
    server local 127.0.0.1:$PORT
EOH
}
answered_by_other() {
    a=$(last_answer)
    [ -n "$a" ] && [ "$a" != "$1" ]
}

start_responder() {
    lab spawn "$1" "$WORK/$1-responder.log" python3 "$HERE/responder.py" "$PORT" >/dev/null
}

# A powered-off machine forgets addresses its software had added; lab.sh
# keeps the netns (and so the addresses), so drop the VIPs by hand.
forget_vips() {
    for spec in enp0s3:$VIP enp0s8:$VIP2; do
        ifc=${spec%%:*}
        for a in $(ip -n "$P$ACTIVE" -o -4 addr show dev "$ifc" to "${spec#*:}" | awk '{print $4}'); do
            ip -n "$P$ACTIVE" addr del "$a" dev "$ifc"
        done
    done
}

# corosync.conf shared by the Pacemaker and Vigil stacks: the seed's
# (three directors on the heartbeat ring, votequorum, crypto none), knet,
# with token $1 (a number of ms or "default").
write_corosync_conf() {
    {
        echo "totem {"
        echo "    version: 2"
        echo "    cluster_name: debian"
        echo "    transport: knet"
        echo "    crypto_cipher: none"
        echo "    crypto_hash: none"
        [ "$1" = default ] || echo "    token: $1"
        echo "}"
        echo "nodelist {"
        id=1
        for spec in cluster1:10.0.50.1 standby1:10.0.50.2 standby2:10.0.50.3; do
            echo "    node {"
            echo "        ring0_addr: ${spec#*:}"
            echo "        name: ${spec%%:*}"
            echo "        nodeid: $id"
            echo "    }"
            id=$((id + 1))
        done
        echo "}"
        echo "quorum {"
        echo "    provider: corosync_votequorum"
        echo "}"
        echo "logging {"
        echo "    to_stderr: yes"
        echo "    to_syslog: no"
        echo "    timestamp: hires"
        echo "}"
    } >"$2"
}

install_corosync_conf() {
    for n in $NODES; do
        etc=$VIGIL_LAB_STATE/disk/$n/etc-corosync
        cp "$1" "$etc/corosync.conf"
    done
}

ns_now() { date +%s%N; }

# One change: "<tool> <i> <change ms> <status ms>" from the commands
# "$2" (the change) and "$3" (the status query), run in standby2.
time_change() {
    t0=$(ns_now)
    sh -c "$2" >/dev/null 2>&1 || echo "bench: $SERIES: change $1 failed: $2" >&2
    t1=$(ns_now)
    sh -c "$3" >/dev/null 2>&1 || echo "bench: $SERIES: status after $1 failed" >&2
    t2=$(ns_now)
    echo "$1 $(((t1 - t0) / 1000000)) $(((t2 - t1) / 1000000))"
}

start_corosync() {
    lab spawn "$1" "$WORK/$1-corosync.log" corosync -f >/dev/null
}

# shellcheck source=/dev/null # one of stacks/*.sh
case $STACK in
    keepalived-*) . "$HERE/stacks/keepalived.sh" ;;
    pacemaker-*) . "$HERE/stacks/pacemaker.sh" ;;
    vigil-*) . "$HERE/stacks/vigil.sh" ;;
    *) die "unknown stack '$STACK'" ;;
esac
case $FAULT in
    poweroff | cut) ;;
    haproxy | haproxy[0-9]*)
        command -v haproxy >/dev/null || die "haproxy is not installed"
        HAPROXY_CFG=$WORK/haproxy.cfg
        write_haproxy_cfg "$HAPROXY_CFG"
        cp "$HAPROXY_CFG" "$LOGS/"
        PROBE_PORT=80
        ;;
    idle | cli | soak) RUNS=0 ;;
    *) die "unknown fault '$FAULT'" ;;
esac
export HAPROXY_MONITOR HAPROXY_CFG
stack_check

note "lab up"
lab down
lab up cluster1 standby1 standby2 client
for n in $NODES; do start_responder "$n"; done
PROBE_LOG=$OUT/$SERIES.probe
EVENTS=$OUT/$SERIES.events
HOLDERS=$OUT/$SERIES.holders
: >"$EVENTS"
lab spawn client "$PROBE_LOG" python3 "$HERE/probe.py" "$VIP" "$PROBE_PORT" >"$WORK/probe.pid"
PROBE_PID=$(cat "$WORK/probe.pid")
# shellcheck disable=SC2086 # one word per node
sh "$HERE/holders.sh" "$P" "$VIP" $NODES >"$HOLDERS" 2>/dev/null &
HOLDERS_PID=$!
# shellcheck disable=SC2086 # one word per node
sh "$HERE/holders.sh" "$P" "$VIP2" $NODES >"$HOLDERS.vip2" 2>/dev/null &
HOLDERS2_PID=$!

note "starting $STACK"
stack_prepare
# Bring-up: from the three stacks started at once (as three machines
# booting) to the VIP answering from cluster1.
t_up=$(ms)
starting=""
for n in $NODES; do
    stack_start "$n" &
    starting="$starting $!"
done
for p in $starting; do wait "$p" || die "the stack did not start on every node"; done
stack_configure
wait_for 180 answered_by "$ACTIVE" || die "the VIP never answered from $ACTIVE"
echo "bringup_ms $(($(ms) - t_up))" >"$OUT/$SERIES.bringup"
note "up in $(($(ms) - t_up)) ms"

run=1
while [ "$run" -le "$RUNS" ]; do
    # Steady state first: cluster1 answering for 3 s in a row.
    wait_for 180 answered_by "$ACTIVE" || die "run $run: $ACTIVE does not answer"
    sleep 3
    answered_by "$ACTIVE" || die "run $run: $ACTIVE stopped answering before the fault"
    case $FAULT in haproxy*)
        # One process (daemon mode without a master, as the agent runs it).
        pids=$(haproxy_pids "$ACTIVE")
        [ -n "$pids" ] || die "run $run: no haproxy runs on $ACTIVE"
        [ "$(echo "$pids" | wc -l)" = 1 ] || die "run $run: several haproxy on $ACTIVE: $pids"
        ;;
    esac
    case $FAULT in haproxy*)
        phase=$(python3 -c "import random; random.seed($run); print(round(random.uniform(0, ${HAPROXY_MONITOR%s}), 3))")
        sleep "$phase"
        ;;
    esac
    t_fault=$(ms)
    echo "$t_fault $run fault $FAULT $ACTIVE" >>"$EVENTS"
    case $FAULT in
        poweroff)
            lab cut "$ACTIVE"
            forget_vips
            lab power-off "$ACTIVE"
            ;;
        cut) lab cut "$ACTIVE" enp0s3 enp0s9 ;;
        haproxy*) kill -KILL "$pids" ;;
    esac
    case $FAULT in
        haproxy*)
            wait_for "${HAPROXY_WAIT:-30}" answering_again "$t_fault" ||
                note "run $run: no answer ${HAPROXY_WAIT:-30} s after haproxy was killed"
            ;;
        *) wait_for 90 answered_by_other "$ACTIVE" || die "run $run: no other director took over" ;;
    esac
    sleep 2
    echo "$(ms) $run restore $ACTIVE" >>"$EVENTS"
    case $FAULT in
        poweroff)
            lab power-on "$ACTIVE"
            start_responder "$ACTIVE"
            stack_start "$ACTIVE"
            ;;
        cut) lab restore "$ACTIVE" enp0s3 enp0s9 ;;
        # Only where nothing restarted it (keepalived runs it by hand).
        haproxy*) [ -n "$(haproxy_pids "$ACTIVE")" ] || stack_restore_haproxy "$ACTIVE" ;;
    esac
    wait_for 180 answered_by "$ACTIVE" || die "run $run: $ACTIVE never answered again"
    sleep 3
    echo "$(ms) $run end" >>"$EVENTS"
    note "run $run done"
    run=$((run + 1))
done

if [ "$FAULT" = idle ]; then
    set --
    for n in $NODES; do set -- "$@" "$n=$(lab pids "$n" | tr '\n' ',')"; done
    python3 "$HERE/../footprint/measure.py" "${IDLE_SECONDS:-60}" "$@" >"$OUT/$SERIES.footprint.tsv"
    cat "$OUT/$SERIES.footprint.tsv"
fi
if [ "$FAULT" = cli ]; then
    cli_changes "${CLI_CHANGES:-100}" >"$OUT/$SERIES.tsv"
fi
LOAD_PID=""
if [ "$FAULT" = soak ]; then
    if [ "${SOAK_LOAD:-0}" = 1 ]; then
        # Client traffic through the VIP: a new connection every 2 ms
        # (as many as the machine manages), beside the 10 ms probe.
        LOAD_PID=$(lab spawn client "$WORK/load.probe" python3 "$HERE/probe.py" --interval 0.002 "$VIP" "$PORT")
    fi
    # The window opens once bring-up's joins and first transitions are over.
    sleep "${SOAK_SETTLE:-30}"
    echo "$(ms) 0 soak start ${SOAK_SECONDS:-1800}" >>"$EVENTS"
    note "soak: ${SOAK_SECONDS:-1800} s, load ${SOAK_LOAD:-0}"
    sleep "${SOAK_SECONDS:-1800}"
    echo "$(ms) 0 soak end" >>"$EVENTS"
    [ -z "$LOAD_PID" ] || kill "$LOAD_PID" 2>/dev/null || true
fi
stack_footprint >"$OUT/$SERIES.ps" 2>/dev/null || true
kill "$PROBE_PID" 2>/dev/null || true
kill "$HOLDERS_PID" 2>/dev/null || true
kill "$HOLDERS2_PID" 2>/dev/null || true
PROBE_PID=""
HOLDERS_PID=""
HOLDERS2_PID=""
sleep 0.6
case $FAULT in idle | cli) exit 0 ;; esac
if [ "$FAULT" = soak ]; then
    python3 "$HERE/../soak/analyse.py" "$PROBE_LOG" "$EVENTS" "$HOLDERS" "$HOLDERS.vip2" \
        "$ACTIVE" "$WORK/load.probe" "$WORK"/*-corosync.log "$WORK"/*-vigild.log >"$OUT/$SERIES.tsv"
    cat "$OUT/$SERIES.tsv"
    exit 0
fi
# standby1 survives every fault: its corosync log dates the membership change.
python3 "$HERE/analyse.py" "$PROBE_LOG" "$EVENTS" "$HOLDERS" "$WORK/standby1-corosync.log" \
    "$HOLDERS.vip2" >"$OUT/$SERIES.tsv"
cat "$OUT/$SERIES.tsv"
if [ -n "$HAPROXY_MONITOR" ] && [ -f "$WORK/cluster1-vigild.log" ]; then
    python3 "$HERE/timeline.py" "$EVENTS" "$PROBE_LOG" "$WORK"/*-vigild.log >"$OUT/$SERIES.timeline.tsv"
    cat "$OUT/$SERIES.timeline.tsv"
fi
