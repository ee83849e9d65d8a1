# Audits run after every step of a scenario or of the soak. Each checks one
# property of the lab as it is, prints "audit NAME: ok" or a VIOLATION line,
# and never stops the run: the caller counts violations. What resources are
# active where is found by running the agents' monitors in every node (and
# `ip addr` for the VIPs), never by asking vigild. Sourced after lib.sh.
# shellcheck shell=sh disable=SC2153 # NODES and the other globals come from lib.sh

# Powered nodes: their mount namespace (with its /run) exists.
powered_nodes() {
    for n in $NODES; do [ "$(power_of "$n")" = on ] && printf '%s ' "$n"; done
}

# rc of the cheap agent's monitor for resource $2 on node $1 (control files
# ignored, so an audit never consumes an injected fault).
cheap_rc() {
    lab exec "$1" env RELTEST_AUDIT=1 OCF_RESOURCE_INSTANCE="$2" "$REL_DIR/agents/cheap" monitor
    echo $?
}
cheap_active_on() {
    for n in $(powered_nodes); do
        [ "$(cheap_rc "$n" "$1" 2>/dev/null)" = 0 ] && printf '%s ' "$n"
    done
}
vip_nic() { case $1 in 192.168.1.200) echo enp0s3 ;; *) echo enp0s8 ;; esac; }
vip_id() { case $1 in 192.168.1.200) echo IPVirtual_1 ;; *) echo IPVirtual_2 ;; esac; }
# resource-agents' IPaddr2 monitor, run in the node.
ipaddr2_rc() {
    lab exec "$1" env OCF_ROOT=/usr/lib/ocf OCF_RESOURCE_INSTANCE="$(vip_id "$2")" \
        HA_RSCTMP=/run/rel-audit OCF_RESKEY_ip="$2" OCF_RESKEY_nic="$(vip_nic "$2")" \
        OCF_RESKEY_cidr_netmask=24 /usr/lib/ocf/resource.d/heartbeat/IPaddr2 monitor >/dev/null 2>&1
    echo $?
}
# Nodes holding the address (ip addr, on every node, powered or not) or
# whose IPaddr2 monitor says it is active.
vip_on() {
    for n in $NODES; do
        held=no
        if ip -n "${VIGIL_LAB_PREFIX}$n" -o addr show 2>/dev/null | grep -q " $1/"; then held=yes; fi
        if [ "$(power_of "$n")" = on ] && [ "$(ipaddr2_rc "$n" "$1")" = 0 ]; then held=yes; fi
        [ $held = yes ] && printf '%s ' "$n"
    done
}

# Where everything runs, computed once per audit round into $WORK/where:
# "RESOURCE node node ..." lines.
survey() {
    : >"$WORK/where"
    for v in $VIPS; do echo "$(vip_id "$v") $(vip_on "$v")" >>"$WORK/where"; done
    for r in $CHEAP_SINGLE cheap; do echo "$r $(cheap_active_on "$r")" >>"$WORK/where"; done
}
where() { awk -v r="$1" '$1 == r {$1 = ""; sub(/^ /, ""); print}' "$WORK/where"; }

audit_one_dc() {
    bad=""
    for part in $(partitions | tr ' ' ','); do
        dcs=$(for n in $(echo "$part" | tr ',' ' '); do
            case " $(up_nodes) " in *" $n "*) dc_of "$n" ;; esac
        done | sort -u | tr '\n' ' ')
        # shellcheck disable=SC2086 # one word per node
        [ "$(count $dcs)" = 1 ] || bad="$bad [$part: DCs '$dcs']"
        case ",$part," in *",${dcs% },"*) ;; *) bad="$bad [$part: DC '$dcs' outside]" ;; esac
    done
    if [ -z "$bad" ]; then echo "audit one-dc: ok"; else violation "one-dc:$bad"; fi
}

# Status sections trail the configuration by a round or two: give the
# digests 15 s to agree.
partition_digests_agree() {
    for part in $(partitions | tr ' ' ','); do
        first=""
        for n in $(echo "$part" | tr ',' ' '); do
            d=$(digest_of "$n") || return 1
            [ -n "$first" ] || first=$d
            [ "$d" = "$first" ] || return 1
        done
    done
}
audit_cib_digest() {
    if wait_for 15 partition_digests_agree; then
        echo "audit cib-digest: ok"
    else
        violation "cib-digest: $(for n in $(up_nodes); do printf '%s=%.12s ' "$n" "$(digest_of "$n")"; done)"
    fi
}

audit_single_active() {
    bad=""
    for r in IPVirtual_1 IPVirtual_2 $CHEAP_SINGLE; do
        w=$(where "$r")
        # shellcheck disable=SC2086 # one word per node
        [ "$(count $w)" -le 1 ] || bad="$bad [$r on $w]"
    done
    if [ -z "$bad" ]; then echo "audit single-active: ok"; else violation "single-active:$bad"; fi
}

audit_group() {
    a=$(where IPVirtual_1)
    b=$(where IPVirtual_2)
    if [ -n "$b" ] && [ "$a" != "$b" ]; then
        violation "group: IPVirtual_1 on '$a', IPVirtual_2 on '$b'"
    else
        echo "audit group: ok (grupo1 on '${a% }')"
    fi
}

# no-quorum-policy=stop: a partition without quorum runs nothing but clone
# instances; a quorate one with a node not in standby runs the group and
# the order chain, and a clone instance on each of its nodes not in
# standby.
audit_quorum() {
    bad=""
    for part in $(partitions | tr ' ' ','); do
        nodes=$(echo "$part" | tr ',' ' ')
        first=${nodes%% *}
        q=$(quorate_of "$first")
        # Nodes in standby run nothing: liveness needs one that is not.
        eligible=""
        for n in $nodes; do [ -e "$WORK/state/$n.standby" ] || eligible="$eligible $n"; done
        for r in IPVirtual_1 IPVirtual_2 $CHEAP_SINGLE; do
            inside=""
            for n in $(where "$r"); do case " $nodes " in *" $n "*) inside=$n ;; esac; done
            if [ "$q" != 1 ] && [ -n "$inside" ]; then bad="$bad [$r on $inside without quorum]"; fi
            case $r in flaky | slowpoke) continue ;; esac
            if [ "$q" = 1 ] && [ -n "$eligible" ] && [ -z "$inside" ]; then
                bad="$bad [$r not running in quorate $part]"
            fi
        done
        if [ "$q" = 1 ]; then
            for n in $nodes; do
                [ -e "$WORK/state/$n.standby" ] && continue
                case " $(where cheap) " in *" $n "*) ;; *) bad="$bad [no clone instance on $n]" ;; esac
            done
        fi
    done
    if [ -z "$bad" ]; then echo "audit quorum: ok"; else violation "quorum:$bad"; fi
}

# Every change the CLI acknowledged ($WORK/acked: "RSC NAME VALUE" per
# meta attribute set through `vigil resource meta`) is in the CIB of every
# quorate partition.
audit_acked() {
    [ -s "$WORK/acked" ] || {
        echo "audit acked: ok (no changes yet)"
        return 0
    }
    bad=""
    for part in $(partitions | tr ' ' ','); do
        first=${part%%,*}
        [ "$(quorate_of "$first")" = 1 ] || continue
        on "$first" cib show >"$WORK/acked.cib" 2>/dev/null || {
            bad="$bad [cib show on $first failed]"
            continue
        }
        while read -r rsc name value; do
            grep -q "name=\"$name\" value=\"$value\"" "$WORK/acked.cib" || bad="$bad [$rsc $name=$value lost on $part]"
        done <"$WORK/acked"
    done
    if [ -z "$bad" ]; then
        echo "audit acked: ok ($(wc -l <"$WORK/acked") changes)"
    else
        violation "acked:$bad"
    fi
}

# A powered-off node keeps no process, no mount namespace and no address
# of a resource.
audit_powered_off() {
    bad=""
    for n in $NODES; do
        [ "$(power_of "$n")" = off ] || continue
        p=$(lab pids "$n" | tr '\n' ' ')
        [ -z "$p" ] || bad="$bad [$n: processes $p]"
        if mountpoint -q "$VIGIL_LAB_STATE/ns/$n.mnt" 2>/dev/null; then bad="$bad [$n: mount namespace kept]"; fi
        for v in $VIPS; do
            if ip -n "${VIGIL_LAB_PREFIX}$n" -o addr show 2>/dev/null | grep -q " $v/"; then bad="$bad [$n: holds $v]"; fi
        done
    done
    if [ -z "$bad" ]; then echo "audit powered-off: ok"; else violation "powered-off:$bad"; fi
}

audit_all() {
    before=$VIOLATIONS
    survey
    audit_one_dc
    audit_cib_digest
    audit_single_active
    audit_group
    audit_quorum
    audit_acked
    audit_powered_off
    if [ "$VIOLATIONS" = "$before" ]; then
        say "audits: ok [$(tr '\n' ';' <"$WORK/where")]"
    else
        say "audits: $((VIOLATIONS - before)) violation(s) [$(tr '\n' ';' <"$WORK/where")]"
    fi
}
