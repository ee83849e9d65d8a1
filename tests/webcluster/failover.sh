#!/bin/sh
# The thesis' chapter 4, HA tests 1 and 4 on the lab: grupo1 (both VIPs) and
# HAProxy on cluster1; cluster1 powered off -> everything on standby1 and the
# site answers from the client; standby1 off too -> standby2; both powered
# back on -> back to cluster1 (location pref-cluster1, score 50). Throughout,
# a client requests http://VIP:8000/ every 0.2 s: every request is answered
# except in the failover windows, and the directors that answered form the
# sequence cluster1, standby1, standby2, cluster1 with no interleaving (never
# two directors answering at once); at each step one director holds the VIP.
#
# Usage: failover.sh BUILD_DIR   (as root)
. "$(dirname "$0")/lib.sh"

LIVE=120
wc_up

note "grupo1 and HAProxy on cluster1"
check "VIPs and HAProxy run on cluster1" front_on cluster1
check "only cluster1 holds $VIP" test "$(vip_holders)" = cluster1
check "the site answers through the VIP" sh -c "sh '$LAB' exec client curl -sf --max-time 5 http://$VIP/index.php | grep -q server=cluster"

note "a client requests the VIP every 0.2 s from now on"
REQLOG="$VIGIL_WC_WORK/requests.log"
# shellcheck disable=SC2016 # runs inside the client node
CLIENT_PID=$(lab spawn client "$REQLOG" sh -c '
    while :; do
        t=$(date +%s%3N)
        h=$(curl -s --max-time 2 -D - -o /dev/null "http://$1:8000/index.php" | tr -d "\r")
        code=$(echo "$h" | sed -n "1s/^HTTP[^ ]* \([0-9]*\).*/\1/p")
        dir=$(echo "$h" | sed -n "s/^[Xx]-[Dd]irector: //p")
        echo "$t ${code:-000} ${dir:--}"
        sleep 0.2
    done' sh "$VIP")
BG_PIDS="$BG_PIDS $CLIENT_PID"
sleep 2

# step NODE_OFF EXPECTED: power a director off, wait for the front end on
# EXPECTED, check the site and the VIP's single holder.
failover() {
    off=$1
    to=$2
    note "power $off off -> VIPs and HAProxy on $to"
    t0=$(now_ms)
    lab power-off "$off"
    if wait_for "$LIVE" front_on "$to"; then
        ok "grupo1 and HAProxy moved to $to"
    else
        fail "grupo1 and HAProxy did not move to $to within $LIVE s"
        webcluster status || true
    fi
    echo "bench: power-off of $off to front end started on $to: $(($(now_ms) - t0)) ms"
    if wait_for 30 sh -c "sh '$LAB' exec client curl -sf --max-time 3 -D - http://$VIP:8000/index.php | grep -qi 'x-director: $to'"; then
        ok "http://$VIP:8000/ answers from the client, relayed by $to"
    else
        fail "http://$VIP:8000/ does not answer through $to"
    fi
    check "http://$VIP/ (tcp mode) answers from the client" sh -c "sh '$LAB' exec client curl -sf --max-time 3 http://$VIP/index.php | grep -q server=cluster"
    check "only $to holds $VIP" test "$(vip_holders | tr '\n' ' ')" = "$to "
}

failover cluster1 standby1
failover standby1 standby2

note "power cluster1 and standby1 back on -> back to cluster1"
t0=$(now_ms)
for n in cluster1 standby1; do
    lab power-on "$n"
    webcluster boot "$n"
done
if wait_for "$LIVE" front_on cluster1; then
    ok "grupo1 and HAProxy are back on cluster1"
else
    fail "grupo1 and HAProxy did not return to cluster1 within $LIVE s"
    webcluster status || true
fi
echo "bench: power-on of cluster1 and standby1 to front end back on cluster1: $(($(now_ms) - t0)) ms"
check "the site answers through cluster1" wait_for 30 sh -c "sh '$LAB' exec client curl -sf --max-time 3 -D - http://$VIP:8000/index.php | grep -qi 'x-director: cluster1'"
check "only cluster1 holds $VIP" test "$(vip_holders | tr '\n' ' ')" = "cluster1 "
sleep 2
kill "$CLIENT_PID" 2>/dev/null || true

note "continuous service (the client's view)"
total=$(grep -c . "$REQLOG")
answered=$(awk '$2 == 200' "$REQLOG" | wc -l)
echo "bench: requests $total, answered $answered"
# Directors in the order they answered, runs collapsed.
seq=$(awk '$2 == 200 && $3 != prev {printf "%s ", $3; prev = $3}' "$REQLOG")
echo "directors that answered, in order: $seq"
check "answers came from cluster1, standby1, standby2, cluster1 in that order, never two at once" \
    test "$seq" = "cluster1 standby1 standby2 cluster1 "
# Failure windows: runs of unanswered requests, with their length.
windows=$(awk '$2 != 200 { if (!start) start = $1; last = $1; next }
    start { printf "%d\n", last - start + 200; start = 0 }
    END { if (start) printf "%d\n", last - start + 200 }' "$REQLOG")
nwin=$(echo "$windows" | grep -c . || true)
maxwin=$(echo "$windows" | sort -n | tail -n 1)
echo "bench: unanswered windows: $nwin, longest ${maxwin:-0} ms ($(echo "$windows" | tr '\n' ' '))"
check "at most three unanswered windows (two failovers, one failback): $nwin" test "$nwin" -le 3
check "every unanswered window shorter than $LIVE s" test "${maxwin:-0}" -lt $((LIVE * 1000))
check "requests answered between the windows ($answered of $total)" test "$answered" -ge 10
[ "$FAILS" = 0 ] && echo PASS
