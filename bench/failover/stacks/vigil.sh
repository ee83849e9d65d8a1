# Vigil: corosync + vigild with the seed's CIB, the VIPs run by Vigil's own
# agent ocf:vigil:vip (from agents/, through a private OCF_ROOT that also
# holds resource-agents' shell functions). STACK vigil-1000 uses exactly the
# Pacemaker stack's corosync.conf (token 1000); vigil-fast uses what
# `vigil cluster setup --profile fast` writes. Sourced by run.sh.
# shellcheck shell=sh
# shellcheck source=/dev/null # stacks/seed_cib.sh
. "$HERE/stacks/seed_cib.sh"
VIGILD=${VIGILD:-$ROOT/build-bench/daemons/vigild/vigild}
VIGIL=${VIGIL:-$ROOT/build-bench/tools/vigil/vigil}
PROFILE=${STACK#vigil-}

stack_check() {
    for prog in corosync "$VIGILD" "$VIGIL"; do
        [ -x "$prog" ] || command -v "$prog" >/dev/null ||
            die "$prog is missing (build: ninja -C build-bench vigild vigil)"
    done
}

stack_prepare() {
    if [ "$PROFILE" = fast ]; then
        mkdir -p "$WORK/setup"
        "$VIGIL" cluster setup debian cluster1=10.0.50.1 standby1=10.0.50.2 standby2=10.0.50.3 \
            --profile fast --output "$WORK/setup" >"$WORK/setup.log" 2>&1 ||
            die "vigil cluster setup failed: $(cat "$WORK/setup.log")"
        # Only the logging section changes: each node logs to the harness
        # with millisecond stamps (the analyser dates corosync's detection),
        # not to the host's shared /var/log and syslog.
        sed -e 's/to_logfile: yes/to_logfile: no/' -e 's/to_syslog: yes/to_syslog: no/' \
            -e 's/timestamp: on/timestamp: hires\n    to_stderr: yes/' \
            "$WORK/setup/corosync.conf" >"$WORK/setup/corosync.conf.lab"
        mv "$WORK/setup/corosync.conf.lab" "$WORK/setup/corosync.conf"
        for n in $NODES; do
            etc=$VIGIL_LAB_STATE/disk/$n/etc-corosync
            cp "$WORK/setup/corosync.conf" "$WORK/setup/authkey" "$etc/"
            chmod 400 "$etc/authkey"
        done
        cp "$WORK/setup/corosync.conf" "$LOGS/"
    else
        write_corosync_conf "$PROFILE" "$WORK/corosync.conf"
        install_corosync_conf "$WORK/corosync.conf"
        cp "$WORK/corosync.conf" "$LOGS/"
    fi
    ocf=$WORK/ocf
    mkdir -p "$ocf/lib" "$ocf/resource.d"
    ln -s /usr/lib/ocf/lib/heartbeat "$ocf/lib/heartbeat"
    ln -s "$ROOT/agents/lib" "$ocf/lib/vigil"
    ln -s "$ROOT/agents/ocf" "$ocf/resource.d/vigil"
    ln -s /usr/lib/ocf/resource.d/heartbeat "$ocf/resource.d/heartbeat"
    seed_configuration ocf vigil vip 30s >"$WORK/configuration.xml"
}

corosync_ready() { lab exec "$1" timeout 5 corosync-cfgtool -s; }

stack_start() {
    start_corosync "$1"
    wait_for 30 corosync_ready "$1" || die "corosync did not start on $1"
    case $FAULT in
        idle | cli)
            lab spawn "$1" "$WORK/$1-vigild.log" "$VIGILD" --ocf-root "$WORK/ocf" >/dev/null
            ;;
        # vigild stamps its log to the second; the recovery analysis needs
        # milliseconds (timeline.py). Not for the footprint: two more processes.
        *)
            # shellcheck disable=SC2016 # expanded by the inner shell
            lab spawn "$1" "$WORK/$1-vigild.log" sh -c '"$@" 2>&1 | python3 -u "$0"' \
                "$HERE/stamp.py" "$VIGILD" --ocf-root "$WORK/ocf" >/dev/null
            ;;
    esac
}

# Not expected: say what haproxy last said (the agent keeps its output).
stack_restore_haproxy() {
    note "haproxy not running on $1 after the recovery; its last output: $(lab exec "$1" sh -c 'tail -n 5 /run/resource-agents/*.out' 2>&1 | tr '\n' ' ')"
}

vigil_push() { lab exec standby2 timeout 10 "$VIGIL" cib push "$WORK/configuration.xml"; }

stack_configure() {
    wait_for 60 vigil_push || die "the seed's configuration was refused: $(vigil_push 2>&1)"
}

stack_footprint() {
    for n in $NODES; do echo "== $n"; lab ps "$n"; done
}

# vigil resource create (disabled: the configuration path is measured, not
# the agents) followed by vigil status.
cli_changes() {
    L="sh $LAB exec standby2"
    i=1
    while [ "$i" -le "$1" ]; do
        echo "vigil $(time_change "$i" "$L $VIGIL resource create v$i ocf:heartbeat:Dummy --disabled" "$L $VIGIL status")"
        i=$((i + 1))
    done
}
