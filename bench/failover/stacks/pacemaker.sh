# Pacemaker 2.1.5 + corosync (Debian) with the seed's CIB and
# ocf:heartbeat:IPaddr2, as the seed ran it. STACK pacemaker-1000 sets
# token 1000, pacemaker-default leaves corosync's default. Each node's
# daemons get the lab's private /run, /dev/shm and /var/lib (so
# /var/lib/pacemaker is the node's own disk). Sourced by run.sh.
# shellcheck shell=sh
# shellcheck source=/dev/null # stacks/seed_cib.sh
. "$HERE/stacks/seed_cib.sh"
TOKEN=${STACK#pacemaker-}

stack_check() {
    for prog in corosync pacemakerd cibadmin crmadmin; do
        command -v "$prog" >/dev/null || die "$prog is not installed (scripts/packages/bench.txt)"
    done
    [ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ] || die "IPaddr2 (resource-agents) is missing"
}

stack_prepare() {
    write_corosync_conf "$TOKEN" "$WORK/corosync.conf"
    install_corosync_conf "$WORK/corosync.conf"
    cp "$WORK/corosync.conf" "$LOGS/"
    for n in $NODES; do
        lib=$VIGIL_LAB_STATE/disk/$n/var-lib/pacemaker
        mkdir -p "$lib/cib" "$lib/pengine" "$lib/blackbox" "$lib/cores"
        chown -R hacluster:haclient "$lib"
        chmod 750 "$lib/cib" "$lib/pengine" "$lib/blackbox" "$lib/cores"
    done
    seed_configuration ocf heartbeat IPaddr2 30s >"$WORK/configuration.xml"
}

corosync_ready() { lab exec "$1" timeout 5 corosync-cfgtool -s; }

# For the killed-haproxy fault Pacemaker runs Vigil's own haproxy agent (the
# seed has no HAProxy resource and resource-agents no haproxy agent), found
# under provider "vigil": Pacemaker's OCF root is fixed at build time, so
# the node's private mount namespace gets an /usr/lib/ocf that adds it.
ocf_with_vigil() {
    ocf=$WORK/pcmk-ocf
    if [ ! -d "$ocf" ]; then
        mkdir -p "$ocf/resource.d" "$ocf/lib" "$WORK/ocf-orig"
        ln -s "$WORK/ocf-orig/resource.d/heartbeat" "$ocf/resource.d/heartbeat"
        ln -s "$WORK/ocf-orig/resource.d/pacemaker" "$ocf/resource.d/pacemaker"
        ln -s "$WORK/ocf-orig/lib/heartbeat" "$ocf/lib/heartbeat"
        ln -s "$ROOT/agents/ocf" "$ocf/resource.d/vigil"
        ln -s "$ROOT/agents/lib" "$ocf/lib/vigil"
    fi
    # shellcheck disable=SC2016 # expanded by the inner shell
    lab exec "$1" sh -euc 'mountpoint -q "$1" || mount --bind /usr/lib/ocf "$1"
        mount --bind "$2" /usr/lib/ocf' sh "$WORK/ocf-orig" "$ocf"
}

stack_restore_haproxy() { note "haproxy not restarted on $1 by Pacemaker"; }

stack_start() {
    [ -z "$HAPROXY_MONITOR" ] || ocf_with_vigil "$1"
    start_corosync "$1"
    wait_for 30 corosync_ready "$1" || die "corosync did not start on $1"
    lab spawn "$1" "$WORK/$1-pacemakerd.log" env PCMK_logfile=/var/lib/pacemaker/pacemaker.log \
        PCMK_logfacility=none pacemakerd >/dev/null
}

has_dc() { lab exec standby2 timeout 5 crmadmin -D 2>/dev/null | grep -q 'Designated Controller is: [a-z]'; }

stack_configure() {
    wait_for 120 has_dc || die "no DC elected"
    lab exec standby2 cibadmin --replace --scope configuration --xml-file "$WORK/configuration.xml" ||
        die "the seed's configuration was refused"
}

stack_footprint() {
    for n in $NODES; do echo "== $n"; lab ps "$n"; done
}

# crmsh (crm configure primitive) and cibadmin, each followed by crm_mon -1.
# The resources are created stopped: the configuration path is measured,
# not the agents.
cli_changes() {
    L="sh $LAB exec standby2"
    i=1
    while [ "$i" -le "$1" ]; do
        echo "crm $(time_change "$i" "$L crm configure primitive crm$i ocf:heartbeat:Dummy meta target-role=Stopped" "$L crm_mon -1")"
        i=$((i + 1))
    done
    i=1
    while [ "$i" -le "$1" ]; do
        x="<primitive id='cib$i' class='ocf' provider='heartbeat' type='Dummy'><meta_attributes id='cib$i-meta'><nvpair id='cib$i-tr' name='target-role' value='Stopped'/></meta_attributes></primitive>"
        echo "cibadmin $(time_change "$i" "$L cibadmin --create -o resources --xml-text \"$x\"" "$L crm_mon -1")"
        i=$((i + 1))
    done
}
