# keepalived (Debian) with the seed's keepalived.conf adapted to the lab:
# a sync group of VI_1 (enp0s3, 192.168.1.200) and VI_2 (enp0s8,
# 10.0.100.200), VI_3 on the heartbeat NIC, priorities 150/100/90, cluster1
# starting as MASTER. STACK keepalived-1 keeps the seed's VRRPv2 with
# advert_int 1 and PASS authentication; keepalived-0.1 needs VRRPv3 for a
# sub-second advert_int, and VRRPv3 has no authentication and refuses an
# instance without a VIP, so the heartbeat-NIC instance VI_3 is left out.
# Sourced by run.sh. shellcheck shell=sh
ADVERT=${STACK#keepalived-}

stack_check() {
    command -v keepalived >/dev/null || die "keepalived is not installed (scripts/packages/bench.txt)"
}

keepalived_conf() {
    node=$1
    case $node in
        cluster1) prio=150 state=MASTER ;;
        standby1) prio=100 state=BACKUP ;;
        *) prio=90 state=BACKUP ;;
    esac
    if [ "$ADVERT" = 1 ]; then
        version=2
    else
        version=3
    fi
    echo "global_defs {"
    echo "    vrrp_version $version"
    echo "    script_user root"
    echo "    enable_script_security"
    echo "}"
    echo "vrrp_sync_group V61 {"
    echo "    group {"
    echo "        VI_1"
    echo "        VI_2"
    echo "    }"
    echo "}"
    i=1
    instances="enp0s3:51:$VIP enp0s8:52:$VIP2"
    [ "$version" = 3 ] || instances="$instances enp0s9:53:"
    for spec in $instances; do
        ifc=${spec%%:*}
        rest=${spec#*:}
        vrid=${rest%%:*}
        addr=${rest#*:}
        echo "vrrp_instance VI_$i {"
        echo "    state $state"
        echo "    interface $ifc"
        echo "    virtual_router_id $vrid"
        echo "    priority $prio"
        echo "    advert_int $ADVERT"
        if [ "$version" = 2 ]; then
            echo "    authentication {"
            echo "        auth_type PASS"
            echo "        auth_pass clusterc"
            echo "    }"
        fi
        if [ -n "$addr" ]; then
            echo "    virtual_ipaddress {"
            echo "        $addr"
            echo "    }"
        fi
        echo "}"
        i=$((i + 1))
    done
}

stack_prepare() {
    for n in $NODES; do keepalived_conf "$n" >"$WORK/keepalived-$n.conf"; done
    cp "$WORK"/keepalived-*.conf "$LOGS/"
}

stack_start() {
    lab spawn "$1" "$WORK/$1-keepalived.log" keepalived --dont-fork --log-console --vrrp \
        --use-file "$WORK/keepalived-$1.conf" --pid /run/keepalived.pid \
        --vrrp_pid /run/keepalived-vrrp.pid >/dev/null
}

stack_configure() { :; }

stack_footprint() {
    for n in $NODES; do echo "== $n"; lab ps "$n"; done
}

cli_changes() { die "keepalived has no resource configuration to change"; }
