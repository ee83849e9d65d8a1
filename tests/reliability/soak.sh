#!/bin/sh
# The randomised soak: a seeded random sequence of the faults of the
# scenarios (power flips around the quorum line, standby, vigild restart,
# SIGKILL of vigild or corosync, heartbeat split 2+1 and heal, empty or
# corrupt CIB on restart, failed and hung monitors, a start agent killed
# mid-action, acknowledged CLI changes), each followed by a settle and
# every audit. Prints the seed, every step and every audit result; exits 1
# on any violation. The same seed gives the same sequence of faults (the
# cluster's reactions, and so some targets chosen from its state, may
# differ). Needs root.
#
# Usage: soak.sh VIGILD VIGIL VIGIL_IPC_CLIENT [--seed N] [--steps N] [--max-seconds S]
#                [--kinds K,K...]
#   defaults: a seed from the clock, 200 steps, no time bound, every kind:
#   flip (power a node off or on, around the quorum line), standby (toggle),
#   restart (vigild SIGTERM + start), kill (SIGKILL vigild or corosync),
#   split (heartbeat 2+1 and heal), resync (empty/corrupt cib.xml), fail
#   (a monitor fails), hang (a monitor hangs), agent (SIGKILL of a start
#   agent mid-action), cli (an acknowledged change)
set -u

abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
VIGILD=$(abs "${1:?usage: soak.sh VIGILD VIGIL VIGIL_IPC_CLIENT [--seed N] [--steps N] [--max-seconds S] [--kinds K,K...]}")
VIGIL=$(abs "${2:?path to vigil}")
CLIENT=$(abs "${3:?path to vigil_ipc_client}")
shift 3
SEED=$(($(date +%s) % 1000000))
STEPS=200
MAX_S=0
ALL_KINDS="flip standby restart kill split resync fail hang agent cli"
KINDS=$ALL_KINDS
while [ $# -gt 0 ]; do
    case $1 in
        --kinds)
            [ $# -ge 2 ] || { echo "soak: --kinds needs a value" >&2; exit 2; }
            KINDS=$(echo "$2" | tr ',' ' ')
            for k in $KINDS; do
                case " $ALL_KINDS " in
                    *" $k "*) ;;
                    *) echo "soak: unknown kind '$k' (known: $ALL_KINDS)" >&2; exit 2 ;;
                esac
            done
            [ -n "$KINDS" ] || { echo "soak: --kinds is empty" >&2; exit 2; }
            shift 2
            ;;
        --seed | --steps | --max-seconds)
            [ $# -ge 2 ] || { echo "soak: $1 needs a value" >&2; exit 2; }
            case $2 in '' | *[!0-9]*) echo "soak: $1 takes a non-negative integer, not '$2'" >&2; exit 2 ;; esac
            case $1 in --seed) SEED=$2 ;; --steps) STEPS=$2 ;; *) MAX_S=$2 ;; esac
            shift 2
            ;;
        *) echo "soak: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/reliability/lib.sh
. "$HERE/lib.sh"
# shellcheck source=tests/reliability/audits.sh
. "$HERE/audits.sh"
# shellcheck source=tests/reliability/scenarios.sh
. "$HERE/scenarios.sh"
# shellcheck source=tests/reliability/bootstrap.sh
. "$HERE/bootstrap.sh"

RNG_FILE=$WORK/rng
echo "$SEED" >"$RNG_FILE"
kinds_arg=$(echo "$KINDS" | tr ' ' ',')
say "soak: seed $SEED, $STEPS steps, kinds $kinds_arg (rerun: soak.sh ... --seed $SEED --steps $STEPS --kinds $kinds_arg)"
t0=$(ms)
bootstrap

# One random fault of the allowed kinds; a kind whose precondition does
# not hold (say, a split with a node down) becomes a power flip.
soak_step() {
    kind=$(random_of "$KINDS")
    ups=$(up_nodes)
    # shellcheck disable=SC2086 # one word per node
    nup=$(count $ups)
    case $kind in
        flip)
            # Around the quorum line: stop a node while 2+ run, else start one.
            if [ "$nup" -ge 2 ] && [ "$(rand 2)" = 0 ] || [ "$nup" = 3 ]; then
                flip "$(random_of "$ups")"
            else
                flip "$(random_of "$(down_nodes)")"
            fi
            ;;
        standby)
            [ "$nup" -ge 2 ] || { flip "$(random_of "$(down_nodes)")"; return; }
            tgt=$(random_of "$ups")
            # Never the last running node out of standby: a cluster with
            # every node in standby runs nothing, and the faults after it
            # would test little. Its first standby node comes back instead.
            if [ ! -e "$WORK/state/$tgt.standby" ]; then
                others=0
                for u in $ups; do
                    [ "$u" = "$tgt" ] || [ -e "$WORK/state/$u.standby" ] || others=$((others + 1))
                done
                if [ "$others" = 0 ]; then
                    for u in $ups; do
                        if [ -e "$WORK/state/$u.standby" ]; then
                            tgt=$u
                            break
                        fi
                    done
                fi
            fi
            if [ -e "$WORK/state/$tgt.standby" ]; then
                step "unstandby $tgt"
                ack_cli "$(first_up)" node unstandby "$tgt" && rm -f "$WORK/state/$tgt.standby"
            else
                step "standby $tgt"
                ack_cli "$(first_up)" node standby "$tgt" && touch "$WORK/state/$tgt.standby"
            fi
            checkpoint
            ;;
        restart)
            [ "$nup" -ge 1 ] || { flip "$(random_of "$NODES")"; return; }
            tgt=$(random_of "$ups")
            step "restart vigild on $tgt"
            stop_daemon "$tgt" vigild TERM
            start_vigild "$tgt"
            checkpoint
            ;;
        kill)
            [ "$nup" -ge 1 ] || { flip "$(random_of "$NODES")"; return; }
            if [ "$(rand 2)" = 0 ]; then what=vigild; else what=corosync; fi
            component_fail "$(random_of "$ups")" "$what"
            ;;
        split)
            [ "$nup" = 3 ] || { flip "$(random_of "$(down_nodes)")"; return; }
            split_brain "$(random_of "$ups")"
            ;;
        resync)
            [ "$nup" -ge 2 ] || { flip "$(random_of "$(down_nodes)")"; return; }
            if [ "$(rand 2)" = 0 ]; then how=empty; else how=corrupt; fi
            resync_cib "$(random_of "$ups")" "$how"
            ;;
        fail)
            [ "$nup" -ge 2 ] || { flip "$(random_of "$(down_nodes)")"; return; }
            rsc=$(random_of "chain-a chain-b chain-c flaky")
            survey
            tgt=$(where "$rsc")
            tgt=${tgt%% *}
            if [ -z "$tgt" ]; then
                step "fail monitor of $rsc: it runs nowhere; a CLI change instead"
                mark_change
                checkpoint
                return
            fi
            step "fail the monitor of $rsc on $tgt"
            inject "$tgt" "$rsc" fail-monitor
            wait_for 30 no_file "$tgt" "/run/vigil-reltest/$rsc.fail-monitor" ||
                violation "$rsc's monitor did not run on $tgt within 30 s"
            checkpoint
            ;;
        hang | agent)
            [ "$nup" -ge 2 ] || { flip "$(random_of "$(down_nodes)")"; return; }
            # slowpoke and flaky may rightly run nowhere (every running
            # node in standby, or flaky banned by its failures).
            if [ "$kind" = hang ]; then rsc=slowpoke; else rsc=flaky; fi
            survey
            if [ -z "$(where "$rsc")" ]; then
                step "$kind: $rsc runs nowhere; a CLI change instead"
                mark_change
                checkpoint
                return
            fi
            if [ "$kind" = hang ]; then agent_hang; else agent_kill; fi
            ;;
        *)
            step "CLI change"
            mark_change
            checkpoint
            ;;
    esac
}

soak_i=0
while [ "$soak_i" -lt "$STEPS" ]; do
    soak_i=$((soak_i + 1))
    if [ "$MAX_S" -gt 0 ] && [ $(($(ms) - t0)) -ge $((MAX_S * 1000)) ]; then
        say "soak: time bound of ${MAX_S}s reached after $((soak_i - 1)) steps"
        break
    fi
    say "-- soak step $soak_i/$STEPS (seed $SEED)"
    soak_step
done
say "soak: seed $SEED, $STEP_NO fault steps, $VIOLATIONS violation(s), $(($(ms) - t0)) ms"
[ "$VIOLATIONS" = 0 ] || exit 1
echo "PASS"
