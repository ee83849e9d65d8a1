#!/bin/sh
# The thesis' chapter 4, HAProxy tests on the lab: tcp mode (port 80) sends
# successive requests to every one of the nine containers, port 90 to the
# three Gluster ones; http mode (port 8000) keeps a client on its server
# through the SERVERID cookie. Two containers stopped behind the cluster's
# back are marked DOWN by HAProxy while the site keeps answering from the
# others (that vigild's monitor then restarts them is monitor-recovery.sh,
# not registered yet: the scheduler does not schedule recurring monitors).
# A whole back end powered off: its containers DOWN in HAProxy, the service
# keeps answering from the others and the cluster sees the node offline.
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
t0=$(now_ms)
lab exec cluster2 docker stop -t 1 cluster21p >/dev/null
lab exec cluster3 docker stop -t 1 cluster32p >/dev/null
both_down() { server_is web-tcp cluster21p DOWN && server_is web-tcp cluster32p DOWN; }
check "HAProxy marks cluster21p and cluster32p DOWN" wait_for 20 both_down
echo "bench: containers stopped to both DOWN in HAProxy: $(($(now_ms) - t0)) ms"
good=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    c=$(answered_by "http://$VIP/index.php")
    case $c in cluster21p | cluster32p | "") ;; *) good=$((good + 1)) ;; esac
done
check "10 of 10 requests answered by the other containers meanwhile ($good)" test "$good" = 10
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
[ "$FAILS" = 0 ] && echo PASS
