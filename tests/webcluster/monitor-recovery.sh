#!/bin/sh
# The second half of the thesis' HAProxy test 3: two containers stopped
# behind the cluster's back are found stopped by vigild's recurring monitor
# (op monitor interval=10s in webcluster.crm) and started again: new
# containers, UP again in HAProxy.
#
# Usage: monitor-recovery.sh BUILD_DIR   (as root)
. "$(dirname "$0")/lib.sh"

LIVE=90
wc_up
id21=$(lab exec cluster2 docker inspect -f '{{.Id}}' cluster21p)
id32=$(lab exec cluster3 docker inspect -f '{{.Id}}' cluster32p)
t0=$(now_ms)
lab exec cluster2 docker stop -t 1 cluster21p >/dev/null
lab exec cluster3 docker stop -t 1 cluster32p >/dev/null
both_down() { server_is web-tcp cluster21p DOWN && server_is web-tcp cluster32p DOWN; }
check "HAProxy marks cluster21p and cluster32p DOWN" wait_for 20 both_down
# running NODE NAME OLD_ID: a container of that name runs, and it is new.
running_anew() {
    _s=$(sh "$LAB" exec "$1" docker inspect -f '{{.State.Running}} {{.Id}}' "$2" 2>/dev/null) || return 1
    [ "${_s%% *}" = true ] && [ "${_s#* }" != "$3" ]
}
restarted() { running_anew cluster2 cluster21p "$id21" && running_anew cluster3 cluster32p "$id32"; }
if wait_for "$LIVE" restarted; then
    ok "vigild's monitor found both stopped and started new containers"
else
    fail "cluster21p and cluster32p were not restarted within $LIVE s"
fi
both_up() { server_is web-tcp cluster21p UP && server_is web-tcp cluster32p UP; }
check "HAProxy marks them UP again" wait_for 30 both_up
echo "bench: containers stopped to both UP again: $(($(now_ms) - t0)) ms"
check "vigild's log shows the failed monitors" sh -c "grep -h 'cluster21p monitor.*rc=7\|cluster32p monitor.*rc=7' '$VIGIL_WC_WORK'/logs/*-vigild.log | grep -q ."
[ "$FAILS" = 0 ] && echo PASS
