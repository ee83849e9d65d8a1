#!/bin/sh
# The thesis' chapter 4, HAProxy tests on the lab: tcp mode (port 80) sends
# successive requests to every one of the nine containers, port 90 to the
# three Gluster ones; http mode (port 8000) keeps a client on its server
# through the SERVERID cookie. Two containers stopped behind the cluster's
# back are marked DOWN by HAProxy while the site keeps answering, then
# vigild's recurring monitor (op monitor interval=10s in webcluster.crm)
# finds them stopped and starts new ones, UP again in HAProxy. A whole back
# end powered off: its containers DOWN in HAProxy, the service keeps
# answering from the others and the cluster sees the node offline (and,
# with fencing, fences it).
#
# Usage: balancing.sh BUILD_DIR   (as root)
. "$(dirname "$0")/lib.sh"

NINE="cluster21p cluster22p cluster23p cluster31p cluster32p cluster33p cluster41p cluster42p cluster43p"
wc_up

note "tcp mode spreads requests over every container"
seen=""
i=0
while [ "$i" -lt 27 ]; do
    seen="$seen $(answered_by "http://$VIP/index.php")"
    i=$((i + 1))
done
for c in $NINE; do
    check "port 80 reached $c" sh -c "echo '$seen' | grep -qw $c"
done
seen90=""
for i in 1 2 3 4 5 6; do seen90="$seen90 $(answered_by "http://$VIP:90/index.php")"; done
for c in cluster24p cluster34p cluster44p; do
    check "port 90 reached $c" sh -c "echo '$seen90' | grep -qw $c"
done
check "pi.php computes pi on a container" sh -c "sh '$LAB' exec client curl -sf --max-time 10 'http://$VIP/pi.php?n=100000' | grep -q 'es igual a 3.14159'"
check "the page with an image and its image are served from Gluster (port 90)" sh -c "sh '$LAB' exec client curl -sf --max-time 5 http://$VIP:90/imagen.html | grep -q imagen.png && sh '$LAB' exec client curl -sf --max-time 5 -o /dev/null http://$VIP:90/imagen.png"

note "http mode keeps cookie persistence"
JAR=/tmp/vigil-wc-cookies.$$
first=$(answered_by -c "$JAR" "http://$VIP:8000/index.php")
check "the first answer set a SERVERID cookie for its server ($first)" grep -q "SERVERID.*$first" "$JAR"
same=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    [ "$(answered_by -b "$JAR" "http://$VIP:8000/index.php")" = "$first" ] && same=$((same + 1))
done
rm -f "$JAR"
check "10 of 10 requests with the cookie went to $first ($same)" test "$same" = 10
pinned=$(answered_by --cookie SERVERID=cluster32p "http://$VIP:8000/index.php")
check "a request with SERVERID=cluster32p is answered by cluster32p ($pinned)" test "$pinned" = cluster32p

note "two containers stopped behind the cluster's back"
id21=$(lab exec cluster2 docker inspect -f '{{.Id}}' cluster21p)
id32=$(lab exec cluster3 docker inspect -f '{{.Id}}' cluster32p)
t0=$(now_ms)
lab exec cluster2 docker stop -t 1 cluster21p >/dev/null
lab exec cluster3 docker stop -t 1 cluster32p >/dev/null
both_down() { server_is web-tcp cluster21p DOWN && server_is web-tcp cluster32p DOWN; }
check "HAProxy marks cluster21p and cluster32p DOWN" wait_for 20 both_down
echo "bench: containers stopped to both DOWN in HAProxy: $(($(now_ms) - t0)) ms"
good=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    [ -n "$(answered_by "http://$VIP/index.php")" ] && good=$((good + 1))
done
check "10 of 10 requests answered meanwhile ($good)" test "$good" = 10

note "vigild's recurring monitor restarts them"
# running_anew NODE NAME OLD_ID: a container of that name runs, and it is new.
running_anew() {
    _s=$(sh "$LAB" exec "$1" docker inspect -f '{{.State.Running}} {{.Id}}' "$2" 2>/dev/null) || return 1
    [ "${_s%% *}" = true ] && [ "${_s#* }" != "$3" ]
}
restarted() { running_anew cluster2 cluster21p "$id21" && running_anew cluster3 cluster32p "$id32"; }
check "vigild found both stopped and started new containers" wait_for 90 restarted
both_up() { server_is web-tcp cluster21p UP && server_is web-tcp cluster32p UP; }
check "HAProxy marks them UP again" wait_for 30 both_up
echo "bench: containers stopped to both UP again: $(($(now_ms) - t0)) ms"
check "vigild's log shows the failed monitors" sh -c "grep -h 'cluster21p monitor.*rc=7\|cluster32p monitor.*rc=7' '$VIGIL_WC_WORK'/logs/*-vigild.log | grep -q ."

note "a whole back end powered off"
t0=$(now_ms)
lab power-off cluster4
c4_down() {
    for s in cluster41p cluster42p cluster43p; do server_is web-tcp "$s" DOWN || return 1; done
    server_is gluster-tcp cluster44p DOWN
}
check "HAProxy marks cluster41p..cluster44p DOWN" wait_for 30 c4_down
echo "bench: back end powered off to its containers DOWN: $(($(now_ms) - t0)) ms"
good=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    c=$(answered_by "http://$VIP/index.php")
    case $c in cluster4* | "") ;; *) good=$((good + 1)) ;; esac
done
check "port 80 keeps answering from cluster2 and cluster3 (12 of 12: $good)" test "$good" = 12
good=0
for i in 1 2 3 4; do
    case $(answered_by "http://$VIP:90/index.php") in cluster24p | cluster34p) good=$((good + 1)) ;; esac
done
check "port 90 keeps answering from cluster24p and cluster34p (4 of 4: $good)" test "$good" = 4
check "the cluster sees cluster4 offline" wait_for 60 sh -c "sh '$WC' vigil standby2 status | grep -q 'OFFLINE:.*cluster4'"
if [ "$VIGIL_WC_VARIANT" = netns ]; then
    c4_fenced() { [ -n "$(fence_log_of cluster4)" ]; }
    check "cluster4 was fenced (fence_vigil_netns)" wait_for 30 c4_fenced
fi
[ "$FAILS" = 0 ] && echo PASS
