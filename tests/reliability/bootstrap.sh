# Lab up, corosync and vigild on the three directors, the configuration
# loaded with the CLI and running. Sourced after lib.sh.
# shellcheck shell=sh
bootstrap() {
    say "== lab up (three directors, client), corosync + vigild, configuration"
    lab down
    lab up cluster1 standby1 standby2 client
    setup_disks
    for n in $NODES; do boot "$n"; done
    wait_for 60 sees_partitions "$(whole)" || fail "the three directors do not form one cluster"
    write_cib >"$WORK/cib.xml"
    on cluster1 cib push "$WORK/cib.xml" >"$WORK/cli.out" 2>&1 ||
        fail "vigil cib push refused the configuration: $(cat "$WORK/cli.out")"
    settle
    audit_all
    [ "$VIOLATIONS" = 0 ] || fail "the cluster is not sound after loading the configuration"
}
