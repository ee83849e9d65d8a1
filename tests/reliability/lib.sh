# The reliability suite's harness: the three directors of the seed as lab
# namespaces (tests/lab/lab.sh) with real corosync (knet on the heartbeat
# ring) and vigild, the seed's configuration plus a few test resources, node
# power and daemon control, and polling helpers. Sourced by run.sh and
# soak.sh after they set VIGILD, VIGIL and CLIENT (absolute paths).
# shellcheck shell=sh

REL_DIR=$(cd "$(dirname "$0")" && pwd)
LAB="$REL_DIR/../lab/lab.sh"
FENCE_DIR=$(cd "$REL_DIR/../../agents/fence" && pwd)
export VIGIL_LAB_PREFIX="${VIGIL_LAB_PREFIX:-rel-}"
export VIGIL_LAB_STATE="${VIGIL_LAB_STATE:-/run/vigil-lab/${VIGIL_LAB_PREFIX%-}-$$}"
NODES="cluster1 standby1 standby2"
WORK=$(mktemp -d /tmp/vigil-rel.XXXXXX)
# shellcheck disable=SC2034 # VIPS and CHEAP_SINGLE are read by audits.sh
VIPS="192.168.1.200 10.0.100.200"
# The test resources that are not clones: at most one node may run each.
# shellcheck disable=SC2034
CHEAP_SINGLE="chain-a chain-b chain-c flaky slowpoke"
VIOLATIONS=0

# shellcheck source=tests/lab/harness.sh
. "$REL_DIR/../lab/harness.sh"
harness_require corosync nsenter unshare ip sha256sum "$VIGILD" "$VIGIL" "$CLIENT" \
    /usr/lib/ocf/resource.d/heartbeat/IPaddr2 "$FENCE_DIR/fence_vigil_null"

rel_cleanup() {
    rc=$?
    if [ "$rc" != 0 ] && [ -z "${REL_KEEP_QUIET:-}" ]; then
        for f in "$WORK"/*-vigild.log; do
            [ -e "$f" ] || continue
            echo "---- $f (last 30 lines)"
            tail -n 30 "$f"
        done
    fi
    if [ -n "${REL_KEEP_LOGS:-}" ]; then
        mkdir -p "$REL_KEEP_LOGS" && cp "$WORK"/*.log "$REL_KEEP_LOGS/" 2>/dev/null
        echo "logs kept in $REL_KEEP_LOGS"
    fi
    # Daemons die with their nodes: lab down kills by PID, node by node.
    sh "$LAB" down || true
    rm -rf "$WORK"
    exit "$rc"
}
trap rel_cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "$(date +%H:%M:%S) $*"; }

# ---- node state, as the harness made it ----------------------------------
# $WORK/state/NODE.power is "on" or "off"; NODE.corosync / NODE.vigild hold
# the daemon's pid while the harness believes it runs.
mkdir -p "$WORK/state"
power_of() { cat "$WORK/state/$1.power" 2>/dev/null || echo off; }
pid_of() { cat "$WORK/state/$1.$2" 2>/dev/null || true; }
alive() {
    p=$(pid_of "$1" "$2")
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null
}
# Nodes with power and both daemons running.
up_nodes() {
    for n in $NODES; do
        if [ "$(power_of "$n")" = on ] && alive "$n" corosync && alive "$n" vigild; then
            printf '%s ' "$n"
        fi
    done
}
down_nodes() {
    for n in $NODES; do
        case " $(up_nodes) " in *" $n "*) ;; *) printf '%s ' "$n" ;; esac
    done
}
count() { echo $#; }

# ---- configuration -------------------------------------------------------
setup_disks() {
    harness_corosync_conf vigil_rel
    # An OCF root with resource-agents' heartbeat agents (the seed's
    # IPaddr2) and this suite's test agent as provider "reltest".
    mkdir -p "$WORK/ocf/resource.d/reltest"
    ln -s /usr/lib/ocf/lib "$WORK/ocf/lib"
    ln -s /usr/lib/ocf/resource.d/heartbeat "$WORK/ocf/resource.d/heartbeat"
    ln -s "$REL_DIR/agents/cheap" "$WORK/ocf/resource.d/reltest/cheap"
}

nv() { echo "<nvpair id=\"$1-$2\" name=\"$2\" value=\"$3\"/>"; }
vip_xml() {
    cat <<EOF
        <primitive id="$1" class="ocf" provider="heartbeat" type="IPaddr2">
          <instance_attributes id="$1-instance_attributes">
            $(nv "$1" cidr_netmask 24) $(nv "$1" ip "$2") $(nv "$1" nic "$3")
          </instance_attributes>
          <operations>
            <op id="$1-monitor-interval-30s" name="monitor" interval="30s"/>
            <op id="$1-start-interval-0s" name="start" interval="0s" timeout="20s"/>
            <op id="$1-stop-interval-0s" name="stop" interval="0s" timeout="20s"/>
          </operations>
        </primitive>
EOF
}
# cheap_xml ID MONITOR_INTERVAL MONITOR_TIMEOUT [META_NAME=VALUE...]
cheap_xml() {
    id=$1
    interval=$2
    timeout=$3
    shift 3
    echo "      <primitive id=\"$id\" class=\"ocf\" provider=\"reltest\" type=\"cheap\">"
    if [ $# -gt 0 ]; then
        echo "        <meta_attributes id=\"$id-meta\">"
        for kv in "$@"; do echo "          $(nv "$id-meta" "${kv%%=*}" "${kv#*=}")"; done
        echo "        </meta_attributes>"
    fi
    cat <<EOF
        <operations>
          <op id="$id-monitor-$interval" name="monitor" interval="$interval" timeout="$timeout"/>
          <op id="$id-start-0s" name="start" interval="0s" timeout="20s"/>
          <op id="$id-stop-0s" name="stop" interval="0s" timeout="20s"/>
        </operations>
      </primitive>
EOF
}

# The seed's configuration (tests/data/cib/seed.xml: group grupo1 of two
# IPaddr2 VIPs, order, location 50 on cluster1, the stonith:null clone,
# stonith disabled) with no-quorum-policy=stop instead of the seed's ignore,
# so that a minority partition must stop, plus: an anonymous clone of a
# cheap resource, an order chain a -> b -> c, "flaky" with
# migration-threshold=2 preferring cluster1, and "slowpoke" whose monitor
# times out after 3 s (agent hang).
write_cib() {
    cat <<EOF
<cib admin_epoch="0" epoch="0" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        $(nv cib-bootstrap-options have-watchdog false)
        $(nv cib-bootstrap-options cluster-infrastructure corosync)
        $(nv cib-bootstrap-options cluster-name debian)
        $(nv cib-bootstrap-options stonith-enabled false)
        $(nv cib-bootstrap-options no-quorum-policy stop)
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="cluster1"/>
      <node id="2" uname="standby1"/>
      <node id="3" uname="standby2"/>
    </nodes>
    <resources>
      <group id="grupo1">
$(vip_xml IPVirtual_1 192.168.1.200 enp0s3)
$(vip_xml IPVirtual_2 10.0.100.200 enp0s8)
      </group>
      <clone id="fencing">
        <primitive id="st-null" class="stonith" type="null">
          <instance_attributes id="st-null-instance_attributes">
            $(nv st-null-instance_attributes hostlist "cluster1 standby1 standby2")
          </instance_attributes>
        </primitive>
      </clone>
      <clone id="cheap-clone">
$(cheap_xml cheap 5s 10s)
      </clone>
$(cheap_xml chain-a 5s 10s)
$(cheap_xml chain-b 5s 10s)
$(cheap_xml chain-c 5s 10s)
$(cheap_xml flaky 2s 10s migration-threshold=2)
$(cheap_xml slowpoke 3s 3s)
    </resources>
    <constraints>
      <rsc_order id="orden1" kind="Mandatory" first="IPVirtual_1" first-action="start" then="IPVirtual_2" then-action="start"/>
      <rsc_location id="pref-cluster1" rsc="grupo1" node="cluster1" score="50"/>
      <rsc_order id="chain-ab" kind="Mandatory" first="chain-a" first-action="start" then="chain-b" then-action="start"/>
      <rsc_order id="chain-bc" kind="Mandatory" first="chain-b" first-action="start" then="chain-c" then-action="start"/>
      <rsc_location id="flaky-pref" rsc="flaky" node="cluster1" score="100"/>
    </constraints>
  </configuration>
  <status/>
</cib>
EOF
}

# ---- power and daemons -----------------------------------------------------
# Both daemons append to one log per node (all its boots); nsenter execs
# the program, so $! is the daemon's own pid.
in_node_bg() {
    node=$1
    log=$2
    shift 2
    nsenter --net="/run/netns/${VIGIL_LAB_PREFIX}$node" \
        --mount="$VIGIL_LAB_STATE/ns/$node.mnt" --uts="$VIGIL_LAB_STATE/ns/$node.uts" -- \
        "$@" </dev/null >>"$log" 2>&1 &
    echo $!
}
start_corosync() {
    echo "---- $(date +%H:%M:%S.%N) corosync starts" >>"$WORK/$1-corosync.log"
    in_node_bg "$1" "$WORK/$1-corosync.log" corosync -f >"$WORK/state/$1.corosync"
}
start_vigild() {
    echo "---- $(date +%H:%M:%S.%N) vigild starts" >>"$WORK/$1-vigild.log"
    in_node_bg "$1" "$WORK/$1-vigild.log" env VIGIL_FENCE_AGENT_PATH="$FENCE_DIR" \
        "$VIGILD" --ocf-root "$WORK/ocf" >"$WORK/state/$1.vigild"
}
boot() {
    if [ "$(power_of "$1")" != on ]; then
        lab power-on "$1"
        echo on >"$WORK/state/$1.power"
    fi
    alive "$1" corosync || start_corosync "$1"
    alive "$1" vigild || start_vigild "$1"
}
# Pulls the plug: every process dies, VIPs and /run are gone.
power_off() {
    lab power-off "$1"
    echo off >"$WORK/state/$1.power"
    rm -f "$WORK/state/$1.corosync" "$WORK/state/$1.vigild"
}
# A daemon by pid, SIGTERM (a clean stop) or SIGKILL; waits until it is gone.
stop_daemon() {
    node=$1
    which=$2
    sig=${3:-TERM}
    p=$(pid_of "$node" "$which")
    [ -n "$p" ] || return 0
    kill "-$sig" "$p" 2>/dev/null || true
    i=0
    while kill -0 "$p" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -lt 150 ] || fail "$which (pid $p) on $node survives SIG$sig for 30 s"
        sleep 0.2
    done
    rm -f "$WORK/state/$node.$which"
}

# ---- what the daemons say ---------------------------------------------------
# "cluster=.. dc=NODE quorate=0|1 ring=.. local=.." then "member ID NAME online|offline".
status_of() { client "$1" status 2>/dev/null; }
dc_of() { status_of "$1" | sed -n '1s/.* dc=\([^ ]*\) .*/\1/p'; }
quorate_of() { status_of "$1" | sed -n '1s/.* quorate=\([01]\) .*/\1/p'; }
# The online members node $1 sees, sorted, space separated.
members_of() { status_of "$1" | awk '$1 == "member" && $4 == "online" {print $3}' | sort | tr '\n' ' '; }
digest_of() { client "$1" digest 2>/dev/null; }

# The partitions as the running nodes see them: one line per distinct
# member list.
partitions() {
    for n in $(up_nodes); do members_of "$n"; echo; done | sort -u | sed '/^ *$/d'
}

# Every running node sees exactly the members the harness expects for it:
# $1 is a list of partitions separated by '/', e.g. "cluster1 standby1/standby2".
sees_partitions() {
    echo "$1" | tr '/' '\n' | while read -r part; do
        want=$(echo "$part" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
        for n in $part; do
            [ "$(members_of "$n")" = "$want" ] || exit 1
            d=$(dc_of "$n")
            [ -n "$d" ] || exit 1
            case " $want " in *" $d "*) ;; *) exit 1 ;; esac
        done
    done
}
# The partition layout expected when nothing is cut: all up nodes together.
whole() { up_nodes; }

# Waits until every running node sees the expected partitions, then until
# each partition's DC reports a settled transition.
settle() {
    layout=${1:-$(whole)}
    [ -n "$(up_nodes)" ] || return 0
    wait_for 90 sees_partitions "$layout" ||
        violation "membership: expected partitions '$layout', nodes see: $(for n in $(up_nodes); do printf '%s:[%s] ' "$n" "$(members_of "$n")"; done)"
    # Once one node has not settled in 90 s, the others get 5 s each: a
    # stuck DC keeps them all from settling.
    limit=90
    for n in $(up_nodes); do
        if ! client "$n" --retry 20 wait $((limit * 1000)) >/dev/null 2>&1; then
            violation "settle: $n does not report a settled cluster within $limit s"
            limit=5
        fi
    done
}

violation() {
    VIOLATIONS=$((VIOLATIONS + 1))
    echo "VIOLATION: $*"
}
