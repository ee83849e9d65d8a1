# keepalived (Debian) with the seed's keepalived.conf adapted to the lab:
# a sync group of VI_1 (enp0s3, 192.168.1.200) and VI_2 (enp0s8,
# 10.0.100.200), VI_3 on the heartbeat NIC, priorities 150/100/90, cluster1
# starting as MASTER. STACK keepalived-1 keeps the seed's VRRPv2 with
# advert_int 1 and PASS authentication; keepalived-0.1 needs VRRPv3 for a
# sub-second advert_int, and VRRPv3 has no authentication and refuses an
# instance without a VIP, so the heartbeat-NIC instance VI_3 is left out.
# For the killed-haproxy fault, HAProxy runs on every director started by
# hand (the seed ran it as a system service, outside keepalived) with
# net.ipv4.ip_nonlocal_bind=1 so the standbys can bind the VIP. The seed's
# keepalived.conf has no check script: keepalived does not notice a dead
# haproxy. keepalived-1-track adds one (vrrp_script: haproxy's pid alive,
# every second, fall 1 rise 1, tracked by VI_1 and VI_2): a failing check
# puts the instance in FAULT and the VIPs move to a director whose haproxy
# runs. Sourced by run.sh. shellcheck shell=sh
ADVERT=${STACK#keepalived-}
TRACK=0
case $ADVERT in *-track)
    ADVERT=${ADVERT%-track}
    TRACK=1
    ;;
esac

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
    if [ "$TRACK" = 1 ]; then
        echo "vrrp_script chk_haproxy {"
        echo "    script \"$LOGS/chk-haproxy.sh\""
        echo "    interval 1"
        echo "    fall 1"
        echo "    rise 1"
        echo "}"
    fi
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
            if [ "$TRACK" = 1 ]; then
                echo "    track_script {"
                echo "        chk_haproxy"
                echo "    }"
            fi
        fi
        echo "}"
        i=$((i + 1))
    done
}

stack_prepare() {
    if [ "$TRACK" = 1 ]; then
        # In the results directory: enable_script_security refuses a script
        # under a directory others may write to (/tmp).
        # shellcheck disable=SC2016 # expanded by the inner shell
        printf '#!/bin/sh\n# haproxy of this director alive?\nkill -0 "$(cat /run/bench-haproxy.pid)"\n' \
            >"$LOGS/chk-haproxy.sh"
        chmod 755 "$LOGS/chk-haproxy.sh"
    fi
    for n in $NODES; do keepalived_conf "$n" >"$WORK/keepalived-$n.conf"; done
    cp "$WORK"/keepalived-*.conf "$LOGS/"
}

# HAProxy by hand on a director (foreground; lab spawn's PID is haproxy's).
stack_restore_haproxy() {
    lab exec "$1" sysctl -q -w net.ipv4.ip_nonlocal_bind=1
    # shellcheck disable=SC2016 # expanded by the inner shell
    lab spawn "$1" "$WORK/$1-haproxy.log" sh -c 'echo $$ >/run/bench-haproxy.pid && exec haproxy -db -f "$1"' \
        sh "$HAPROXY_CFG" >/dev/null
}

stack_start() {
    [ -z "$HAPROXY_MONITOR" ] || stack_restore_haproxy "$1"
    lab spawn "$1" "$WORK/$1-keepalived.log" keepalived --dont-fork --log-console --vrrp \
        --use-file "$WORK/keepalived-$1.conf" --pid /run/keepalived.pid \
        --vrrp_pid /run/keepalived-vrrp.pid >/dev/null
}

stack_configure() { :; }

stack_footprint() {
    for n in $NODES; do echo "== $n"; lab ps "$n"; done
}

cli_changes() { die "keepalived has no resource configuration to change"; }
