# The fault scenarios, CTS-style: each sc_NAME function brings the lab to
# the state it needs, injects its fault, waits for the cluster to settle and
# runs the audits after every step. Checks specific to a scenario count as
# violations too. Sourced after lib.sh and audits.sh.
# shellcheck shell=sh

# shellcheck disable=SC2034 # read by run.sh
SCENARIOS="Standby Flip Restart StartOneByOne StopOneByOne SimulStart SimulStop ResourceRecover
FailureTimeout ComponentFail AgentKill SplitBrain Reattach ResyncCIB NearQuorumPoint AgentHang"

step() {
    STEP_NO=$((${STEP_NO:-0} + 1))
    say "step $STEP_NO: $*"
}
# Settle (for the expected partition layout, default: all up nodes
# together), then audit.
checkpoint() {
    settle "${1:-}"
    audit_all
}

# Brings every node up, links plugged, no standby, then settles.
ensure_all_up() {
    for an in $NODES; do
        lab restore "$an" 2>/dev/null
        if [ -e "$WORK/state/$an.standby" ]; then
            ack_cli "$(first_up)" node unstandby "$an" && rm -f "$WORK/state/$an.standby"
        fi
    done
    for an in $NODES; do boot "$an"; done
    settle
}
first_up() {
    u=$(up_nodes)
    echo "${u%% *}"
}
random_of() {
    # shellcheck disable=SC2086 # one word per item
    set -- $1
    [ $# -gt 0 ] || return 1
    ri=$(rand $#)
    shift "$ri"
    echo "$1"
}
# A pseudo-random number in [0, $1): from the soak's seeded generator
# when it runs (its state lives in a file, so that calls inside command
# substitutions, which are subshells, advance it too), else from
# /dev/urandom.
rand() {
    if [ -n "${RNG_FILE:-}" ]; then
        st=$(cat "$RNG_FILE")
        st=$(((st * 1103515245 + 12345) % 2147483648))
        echo "$st" >"$RNG_FILE"
        echo $(((st / 65536) % $1))
    else
        echo $(($(od -An -N2 -tu2 /dev/urandom) % $1))
    fi
}

# A CLI change; when acknowledged (rc 0) the caller may record it.
ack_cli() {
    node=$1
    shift
    if on "$node" "$@" >"$WORK/cli.out" 2>&1; then
        return 0
    fi
    say "vigil $* on $node: refused: $(cat "$WORK/cli.out")"
    return 1
}
# Sets a meta attribute through the CLI; an acknowledged one goes into the
# log audit_acked checks.
MARK=0
mark_change() {
    mnode=$(first_up)
    [ -n "$mnode" ] || return 0
    MARK=$((MARK + 1))
    rsc=$(random_of "chain-a chain-b chain-c")
    if ack_cli "$mnode" resource meta "$rsc" "rel-mark-$MARK=v$MARK"; then
        echo "$rsc rel-mark-$MARK v$MARK" >>"$WORK/acked"
        say "acknowledged: $rsc rel-mark-$MARK=v$MARK (on $mnode)"
    fi
}

# Sum of the fail counts of resource $1 on node $2 (0 when none).
failcount() {
    on "$(first_up)" resource failcount show "$1" --node "$2" 2>/dev/null |
        awk -F': ' '$NF ~ /^[0-9]+$/ {s += $NF} $NF == "INFINITY" {s += 1000000} END {print s + 0}'
}
failcount_is() { [ "$(failcount "$1" "$2")" = "$3" ]; }
cheap_on() { [ "$(cheap_rc "$1" "$2" 2>/dev/null)" = 0 ]; }
no_file() { ! lab exec "$1" test -e "$2"; }
inject() { lab exec "$1" sh -c "mkdir -p /run/vigil-reltest && touch /run/vigil-reltest/$2.$3"; }
expect() {
    if "$@"; then return 0; fi
    violation "expected: $*"
    return 1
}

# ---- CTS scenarios ------------------------------------------------------------
sc_Standby() {
    ensure_all_up
    survey
    tgt=$(where IPVirtual_1)
    tgt=${tgt%% *}
    [ -n "$tgt" ] || tgt=cluster1
    step "Standby: node standby $tgt"
    if ack_cli "$(first_up)" node standby "$tgt"; then
        touch "$WORK/state/$tgt.standby"
        checkpoint
        for r in $CHEAP_SINGLE cheap IPVirtual_1 IPVirtual_2; do
            case " $(where "$r") " in *" $tgt "*) violation "standby: $r still active on $tgt" ;; esac
        done
        step "Standby: node unstandby $tgt"
        ack_cli "$(first_up)" node unstandby "$tgt" && rm -f "$WORK/state/$tgt.standby"
        checkpoint
    fi
}

# Stops a running node (power off) or starts a stopped one.
flip() {
    tgt=$1
    case " $(up_nodes) " in
        *" $tgt "*)
            step "Flip: power off $tgt"
            power_off "$tgt"
            ;;
        *)
            step "Flip: boot $tgt"
            boot "$tgt"
            ;;
    esac
    checkpoint
}
sc_Flip() {
    ensure_all_up
    tgt=$(random_of "$NODES")
    flip "$tgt"
    flip "$tgt"
}

# vigild stopped cleanly (SIGTERM) on one node; the others settle without
# it (a stopped vigild must not leave resources behind that the survivors
# start again elsewhere); started again, it rejoins and nothing has failed
# (a probe that finds a resource running is not a failure).
sc_Restart() {
    ensure_all_up
    on "$(first_up)" resource cleanup >/dev/null 2>&1
    settle
    tgt=$(random_of "$(up_nodes)")
    step "Restart: stop vigild on $tgt (SIGTERM)"
    stop_daemon "$tgt" vigild TERM
    checkpoint
    step "Restart: start vigild on $tgt"
    start_vigild "$tgt"
    checkpoint
    fc=$(on "$(first_up)" resource failcount show 2>&1)
    case $fc in
        "No failcounts"*) ;;
        *) violation "restart: fail counts after a clean restart: $(echo "$fc" | tr '\n' ';')" ;;
    esac
}

sc_StopOneByOne() {
    ensure_all_up
    for nn in $NODES; do
        step "StopOneByOne: power off $nn"
        power_off "$nn"
        checkpoint
    done
}
sc_StartOneByOne() {
    for nn in $(up_nodes); do power_off "$nn"; done
    for nn in $NODES; do
        step "StartOneByOne: boot $nn"
        boot "$nn"
        checkpoint
    done
}
sc_SimulStop() {
    ensure_all_up
    step "SimulStop: power off every node at once"
    for nn in $NODES; do lab power-off "$nn" & done
    wait
    for nn in $NODES; do power_off "$nn"; done
    checkpoint
}
sc_SimulStart() {
    for nn in $(up_nodes); do power_off "$nn"; done
    step "SimulStart: boot every node at once"
    for nn in $NODES; do lab power-on "$nn" & done
    wait
    for nn in $NODES; do echo on >"$WORK/state/$nn.power"; done
    for nn in $NODES; do start_corosync "$nn"; done
    for nn in $NODES; do start_vigild "$nn"; done
    checkpoint
}

# flaky (migration-threshold=2, prefers cluster1) fails its monitor: the
# fail count rises by exactly one and it recovers in place; a second
# failure moves it; cleanup brings it back. Expiry by failure-timeout is
# sc_FailureTimeout.
sc_ResourceRecover() {
    ensure_all_up
    on cluster1 resource cleanup flaky >/dev/null 2>&1
    settle
    expect cheap_on cluster1 flaky || return 0
    base=$(failcount flaky cluster1)
    [ "$base" = 0 ] || violation "flaky's fail count on cluster1 is $base right after cleanup"
    for fails in 1 2; do
        want=$((base + fails))
        step "ResourceRecover: flaky's monitor fails on cluster1 (failure $fails)"
        inject cluster1 flaky fail-monitor
        wait_for 30 no_file cluster1 /run/vigil-reltest/flaky.fail-monitor ||
            violation "flaky's monitor did not run within 30 s"
        wait_for 30 failcount_is flaky cluster1 "$want" ||
            violation "flaky's fail count on cluster1 is '$(failcount flaky cluster1)', expected $want"
        checkpoint
        expect failcount_is flaky cluster1 "$want"
        survey
        w=$(where flaky)
        w=${w% } # where() may or may not keep the list's trailing space
        if [ "$want" -lt 2 ]; then
            [ "$w" = cluster1 ] || violation "flaky not recovered in place on cluster1 (on '$w')"
        else
            case " $w " in
                *" cluster1 "* | "  ") violation "flaky did not move off cluster1 after 2 failures (on '$w')" ;;
                *) say "flaky moved to $w" ;;
            esac
        fi
    done
    step "ResourceRecover: vigil resource cleanup flaky"
    ack_cli cluster1 resource cleanup flaky
    checkpoint
    fc=$(on cluster1 resource failcount show flaky 2>&1)
    case $fc in
        "No failcounts"*) ;;
        *) violation "fail counts of flaky after cleanup: $(echo "$fc" | tr '\n' ';')" ;;
    esac
    expect cheap_on cluster1 flaky
}

# ResourceRecover's expiry half: with failure-timeout on flaky, two
# failures move it off cluster1, and once both are older than the timeout
# the DC (rechecking at the expiry by itself: nothing else changes) brings
# it back to cluster1, its preferred node, without any cleanup.
sc_FailureTimeout() {
    ensure_all_up
    ft=15
    on cluster1 resource cleanup flaky >/dev/null 2>&1
    step "FailureTimeout: failure-timeout=${ft}s on flaky"
    ack_cli cluster1 resource meta flaky failure-timeout=${ft}s || return 0
    checkpoint
    expect cheap_on cluster1 flaky || return 0
    step "FailureTimeout: flaky's monitor fails twice on cluster1"
    for fails in 1 2; do
        inject cluster1 flaky fail-monitor
        wait_for 30 no_file cluster1 /run/vigil-reltest/flaky.fail-monitor ||
            violation "flaky's monitor did not run within 30 s"
        wait_for 30 failcount_is flaky cluster1 "$fails" ||
            violation "flaky's fail count on cluster1 is '$(failcount flaky cluster1)', expected $fails"
    done
    wait_for 30 moved_off cluster1 flaky ||
        violation "flaky did not move off cluster1 after 2 failures"
    t_moved=$(ms)
    if wait_for $((ft + 60)) cheap_on cluster1 flaky; then
        say "flaky back on cluster1 $(($(ms) - t_moved)) ms after it moved away (failure-timeout ${ft}s)"
    else
        violation "flaky did not return to cluster1 within $((ft + 60)) s of its failures expiring"
    fi
    checkpoint
    step "FailureTimeout: cleanup, failure-timeout removed"
    ack_cli cluster1 resource cleanup flaky
    ack_cli cluster1 resource meta flaky failure-timeout=
    checkpoint
    expect cheap_on cluster1 flaky
}
# Resource $2 runs on some node, not on $1.
moved_off() {
    survey
    w=$(where "$2")
    [ -n "${w% }" ] && case " $w " in *" $1 "*) false ;; *) true ;; esac
}

# SIGKILL of vigild or corosync by pid on node $1; what a service manager
# does next (restart what died: vigild exits when corosync goes) is done by
# the harness, then the cluster must settle.
component_fail() {
    tgt=$1
    what=$2
    step "ComponentFail: SIGKILL $what on $tgt (pid $(pid_of "$tgt" "$what"))"
    stop_daemon "$tgt" "$what" KILL
    if [ "$what" = corosync ]; then
        p=$(pid_of "$tgt" vigild)
        tries=0
        while [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ "$tries" -lt 100 ]; do
            sleep 0.1
            tries=$((tries + 1))
        done
        alive "$tgt" vigild && violation "vigild on $tgt still runs 10 s after corosync died"
        rm -f "$WORK/state/$tgt.vigild"
    fi
    # The survivors notice the loss before the node comes back.
    sleep 4
    boot "$tgt"
    checkpoint
}
sc_ComponentFail() {
    ensure_all_up
    survey
    holder=$(where IPVirtual_1)
    component_fail "${holder%% *}" vigild
    survey
    holder=$(where IPVirtual_1)
    component_fail "${holder%% *}" corosync
}

# ComponentFail of an agent mid-action: flaky's next start hangs wherever
# it comes, its monitor fails where it runs so that the recovery starts it
# again, and the harness SIGKILLs the hung start agent. A start killed is a
# failed start: fail count INFINITY on that node (start-failure-is-fatal),
# flaky runs elsewhere; cleanup lets it back.
hung_start_node() {
    HUNG_NODE=""
    for hn in $(powered_nodes); do
        if lab exec "$hn" test -s /run/vigil-reltest/flaky.hung-pid; then
            HUNG_NODE=$hn
            return 0
        fi
    done
    return 1
}
failcount_infinite() { [ "$(failcount "$1" "$2")" -ge 1000000 ]; }
agent_kill() {
    survey
    tgt=$(where flaky)
    tgt=${tgt%% *}
    [ -n "$tgt" ] || {
        violation "agent kill: flaky runs nowhere"
        return 0
    }
    # With a failure already counted there, the next one reaches
    # migration-threshold=2 and flaky may have nowhere to go: start clean,
    # so that the failure restarts it in place.
    kill_fc=$(failcount flaky "$tgt")
    if [ "$kill_fc" != 0 ]; then
        step "ComponentFail: cleanup flaky first (fail count $kill_fc on $tgt)"
        ack_cli "$(first_up)" resource cleanup flaky
        checkpoint
        tgt=$(where flaky)
        tgt=${tgt%% *}
        [ -n "$tgt" ] || {
            say "flaky runs nowhere after its cleanup: no agent to kill"
            return 0
        }
    fi
    for hn in $(powered_nodes); do
        lab exec "$hn" rm -f /run/vigil-reltest/flaky.hung-pid
        inject "$hn" flaky hang-start
    done
    step "ComponentFail: flaky's next start hangs; its monitor fails on $tgt"
    inject "$tgt" flaky fail-monitor
    wait_for 30 hung_start_node || true
    for hn in $(powered_nodes); do lab exec "$hn" rm -f /run/vigil-reltest/flaky.hang-start; done
    # wait_for ran it with its output discarded but in this shell: ask again.
    hung_start_node || {
        violation "agent kill: no start of flaky began within 30 s of its monitor failing on $tgt"
        return 0
    }
    hung=$(lab exec "$HUNG_NODE" cat /run/vigil-reltest/flaky.hung-pid)
    step "ComponentFail: SIGKILL flaky's start agent on $HUNG_NODE (pid $hung)"
    kill -KILL "$hung" || violation "agent kill: cannot kill pid $hung"
    wait_for 30 failcount_infinite flaky "$HUNG_NODE" ||
        violation "agent kill: flaky's fail count on $HUNG_NODE is '$(failcount flaky "$HUNG_NODE")', expected INFINITY"
    checkpoint
    case " $(where flaky) " in
        *" $HUNG_NODE "*) violation "agent kill: flaky runs on $HUNG_NODE where its start failed" ;;
    esac
    step "ComponentFail: cleanup flaky"
    ack_cli "$(first_up)" resource cleanup flaky
    checkpoint
}
sc_AgentKill() {
    ensure_all_up
    agent_kill
}

# The heartbeat ring cut 2+1: the majority keeps (or takes) the group, the
# minority stops everything but clones (no-quorum-policy=stop). Healing
# gives one partition, one DC and one CIB.
split_brain() {
    tgt=$1
    rest=$(echo "$NODES" | tr ' ' '\n' | grep -vx "$tgt" | tr '\n' ' ')
    step "SplitBrain: cut $tgt's heartbeat link (partitions: $tgt / $rest)"
    lab cut "$tgt" enp0s9
    checkpoint "$rest/$tgt"
    step "SplitBrain: heal"
    lab restore "$tgt" enp0s9
    checkpoint
}
sc_SplitBrain() {
    ensure_all_up
    survey
    holder=$(where IPVirtual_1)
    split_brain "${holder%% *}"
}

# Reattach: is-managed=false for every resource, every vigild restarted:
# nothing may start or stop (the agents' action logs do not change, the
# VIPs stay where they were); then managed again.
actions_snapshot() {
    for pn in $(powered_nodes); do
        echo "== $pn"
        # shellcheck disable=SC2016 # expanded by the node's shell
        lab exec "$pn" sh -c 'cat /run/vigil-reltest/*.actions 2>/dev/null; ip -o -4 addr show | awk "{print \$2, \$4}"'
    done
}
sc_Reattach() {
    ensure_all_up
    step "Reattach: resource defaults is-managed=false"
    ack_cli "$(first_up)" resource defaults update is-managed=false || return 0
    checkpoint
    actions_snapshot >"$WORK/reattach.before"
    step "Reattach: restart vigild on every node"
    for nn in $NODES; do stop_daemon "$nn" vigild TERM; done
    for nn in $NODES; do start_vigild "$nn"; done
    checkpoint
    actions_snapshot >"$WORK/reattach.after"
    if ! diff -u "$WORK/reattach.before" "$WORK/reattach.after" >"$WORK/reattach.diff"; then
        violation "reattach: something started or stopped while unmanaged: $(tr '\n' ' ' <"$WORK/reattach.diff")"
    fi
    step "Reattach: resource defaults is-managed=true"
    ack_cli "$(first_up)" resource defaults update is-managed=true
    checkpoint
}

# ResyncCIB: a node whose vigild is down gets an empty or corrupt cib.xml;
# started, it takes the cluster's copy and keeps the old file as a backup.
resync_cib() {
    tgt=$1
    how=$2
    step "ResyncCIB: $how cib.xml on $tgt, then start its vigild"
    stop_daemon "$tgt" vigild TERM
    disk="$VIGIL_LAB_STATE/disk/$tgt/var-lib/vigil"
    case $how in
        empty) : >"$disk/cib.xml" ;;
        corrupt) printf '<cib epoch="999" admin_epoch="9"><configuration><resources>' >"$disk/cib.xml" ;;
    esac
    cp "$disk/cib.xml" "$WORK/resync.old"
    ls "$disk" >"$WORK/resync.before"
    start_vigild "$tgt"
    checkpoint
    backup=""
    for f in "$disk"/cib.xml.refused-*; do
        case $f in *.sig) continue ;; esac
        [ -e "$f" ] && ! grep -qxF "${f##*/}" "$WORK/resync.before" && backup=$f
    done
    if [ -z "$backup" ]; then
        violation "resync: no backup of $tgt's $how cib.xml"
    elif ! cmp -s "$backup" "$WORK/resync.old"; then
        violation "resync: $backup is not the old file"
    fi
    expect partition_digests_agree
}
sc_ResyncCIB() {
    ensure_all_up
    resync_cib "$(random_of "$NODES")" empty
    resync_cib "$(random_of "$NODES")" corrupt
}

# Nodes stopped and started at random around the quorum line (2 of 3).
sc_NearQuorumPoint() {
    ensure_all_up
    for _ in 1 2 3 4; do
        # shellcheck disable=SC2046 # one word per node
        up=$(count $(up_nodes))
        if [ "$up" -ge 3 ]; then
            tgt=$(random_of "$(up_nodes)")
        elif [ "$up" -le 1 ]; then
            tgt=$(random_of "$(down_nodes)")
        elif [ "$(rand 2)" = 0 ]; then
            tgt=$(random_of "$(up_nodes)")
        else
            tgt=$(random_of "$(down_nodes)")
        fi
        flip "$tgt"
    done
}

gone() { ! kill -0 "$1" 2>/dev/null; }

# slowpoke's monitor hangs: the executor must kill it at its 3 s timeout,
# count one failure and restart slowpoke (on-fail=restart, the default).
agent_hang() {
    survey
    tgt=$(where slowpoke)
    tgt=${tgt%% *}
    [ -n "$tgt" ] || {
        violation "hang: slowpoke runs nowhere"
        return 0
    }
    hang_before=$(failcount slowpoke "$tgt")
    step "AgentHang: slowpoke's monitor hangs on $tgt (fail count there: $hang_before)"
    lab exec "$tgt" rm -f /run/vigil-reltest/slowpoke.hung-pid
    inject "$tgt" slowpoke hang-monitor
    wait_for 20 lab exec "$tgt" test -s /run/vigil-reltest/slowpoke.hung-pid ||
        violation "slowpoke's monitor did not run within 20 s"
    hung=$(lab exec "$tgt" cat /run/vigil-reltest/slowpoke.hung-pid 2>/dev/null)
    # The pid is in the node's pid namespace, which is the host's.
    wait_for 15 gone "$hung" || violation "the hung monitor (pid $hung) still runs 15 s later (timeout 3 s)"
    wait_for 30 failcount_is slowpoke "$tgt" $((hang_before + 1)) ||
        violation "slowpoke's fail count on $tgt is '$(failcount slowpoke "$tgt")', expected $((hang_before + 1))"
    checkpoint
    expect failcount_is slowpoke "$tgt" $((hang_before + 1))
    expect cheap_on "$tgt" slowpoke
}
sc_AgentHang() {
    ensure_all_up
    agent_hang
}
