# Shared by the fencing integration tests (sourced after vigild_lib.sh):
# the seed's CIB with the lab's power switch as fence device, the boot of
# a node whose vigild can run that switch, and the check that a node is
# powered off.
# shellcheck shell=sh

FENCE_DIR=$(cd "$HERE/../../agents/fence" && pwd)
[ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ] || fail "resource-agents' IPaddr2 is missing"
[ -x "$FENCE_DIR/fence_vigil_netns" ] || fail "agents/fence/fence_vigil_netns is missing"

# fencing_cib POLICY OUT: the seed's CIB with fencing on. The stonith:null
# clone becomes the lab's power switch, stonith-enabled=true and
# no-quorum-policy=POLICY, plus the fencing timeout, action and attempts.
fencing_cib() {
    sed -e 's/name="stonith-enabled" value="false"/name="stonith-enabled" value="true"/' \
        -e 's/name="no-quorum-policy" value="ignore"/name="no-quorum-policy" value="'"$1"'"/' \
        -e '/name="no-quorum-policy"/a\
        <nvpair id="opts-stonith-timeout" name="stonith-timeout" value="20s"/>\
        <nvpair id="opts-stonith-action" name="stonith-action" value="off"/>\
        <nvpair id="opts-fencing-max-attempts" name="fencing-max-attempts" value="2"/>' \
        -e '/<clone id="fencing">/,/<\/clone>/c\
      <primitive id="fence-lab" class="stonith" type="fence_vigil_netns">\
        <instance_attributes id="fence-lab-ia">\
          <nvpair id="fence-lab-ia-netns_prefix" name="netns_prefix" value="'"$VIGIL_LAB_PREFIX"'"/>\
        </instance_attributes>\
      </primitive>' "$SEED_CIB" >"$2"
    for want in 'name="stonith-enabled" value="true"' "name=\"no-quorum-policy\" value=\"$1\"" \
        'name="stonith-action" value="off"' 'type="fence_vigil_netns"' 'id="grupo1"'; do
        grep -qF "$want" "$2" || fail "$2 (from the seed) lacks $want"
    done
    if grep -q 'stonith:null\|type="null"' "$2"; then
        fail "$2 still has the null device"
    fi
}

# The lab's power switch names nodes by their namespaces under the host's
# /run/netns, which a node's own /run hides. /proc/1/root may be out of
# reach (a sandboxed init) and a bind mount from this mount namespace comes
# out empty, so a symlink through this shell's root shows it (the shell
# lives as long as the test). vigild finds the repo's fence agents through
# VIGIL_FENCE_AGENT_PATH.
boot() {
    lab exec "$1" ln -sfn "/proc/$$/root/run/netns" /run/netns
    start_corosync "$1"
    lab spawn "$1" "$WORK/$1-vigild.log" env VIGIL_FENCE_AGENT_PATH="$FENCE_DIR" "$VIGILD" \
        >"$WORK/$1-vigild.pid"
}

# Node $1 is powered off: no process is left in it.
no_pids() { [ -z "$(lab pids "$1")" ]; }
