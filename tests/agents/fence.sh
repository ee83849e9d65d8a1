#!/bin/sh
# Fence agents: fence_vigil_null always succeeds and lists its hosts;
# fence_vigil_netns really powers a namespace node off (its processes die,
# its links go down, a neighbour can no longer reach it) and on again
# (links back up, reachable), both with command-line options and with
# key=value lines on standard input as the fencer sends them.
. "$(dirname "$0")/lib.sh"
need ip ping

NULL="$W/sbin/fence_vigil_null"
NETNS="$W/sbin/fence_vigil_netns"

note "fence_vigil_null"
for a in off on reboot status monitor; do
	expect_rc 0 "null $a" sh -c "printf 'action=$a\nnodename=node1\nhostlist=node1 node2\n' | '$NULL'"
done
expect_rc 0 "null -o reboot -n node2" "$NULL" -o reboot -n node2
check "null list prints the host list" sh -c "'$NULL' -o list --hostlist=node1,node2 | tr '\n' ' ' | grep -qx 'node1 node2 '"
expect_rc 1 "null rejects an unknown action" "$NULL" -o explode

note "fence_vigil_netns"
BR=vag-$TAG-xbr
N1=vag-$TAG-fn1
N2=vag-$TAG-fn2
lab_bridge "$BR"
netns "$N1"
netns "$N2"
lab_node "$BR" "$N1" eth0 10.82.0.1/24
lab_node "$BR" "$N2" eth0 10.82.0.2/24
check "n2 reaches n1 before fencing" in_ns "$N2" ping -q -c 1 -W 2 10.82.0.1
# Processes of the node: a plain sleeper, a process tree, a process that
# ignores SIGTERM.
in_ns "$N1" sleep 600 &
p1=$!
in_ns "$N1" sh -c 'sleep 600 & sleep 600' &
p2=$!
in_ns "$N1" sh -c 'trap "" TERM; while :; do sleep 1; done' &
p3=$!
sleep 0.3
before=$(ip netns pids "$N1" | wc -l)
check "node n1 runs processes ($before)" test "$before" -ge 4

prefix="vag-$TAG-f"
expect_rc 0 "status of n1 = on (0)" "$NETNS" -o status -n n1 --netns_prefix="$prefix"
check "list shows n1 and n2" sh -c "'$NETNS' -o list --netns_prefix='$prefix' | sort | tr '\n' ' ' | grep -qx 'n1 n2 '"
expect_rc 0 "off n1 (key=value on stdin)" sh -c "printf 'action=off\nport=n1\nnetns_prefix=$prefix\n' | '$NETNS'"
check "no process left in n1" test -z "$(ip netns pids "$N1")"
for p in $p1 $p2 $p3; do
	wait "$p" 2>/dev/null
	check "process $p is gone" eval "! alive $p"
done
check "every link of n1 is down" sh -c "! ip -n '$N1' -o link show | grep -v ': lo:' | grep -q '[<,]UP[,>]'"
check "n2 can no longer reach n1" sh -c "! ip netns exec '$N2' ping -q -c 1 -W 1 10.82.0.1"
expect_rc 2 "status of n1 = off (2)" "$NETNS" -o status -n n1 --netns_prefix="$prefix"
expect_rc 0 "off again is fine" "$NETNS" -o off -n n1 --netns_prefix="$prefix"
expect_rc 0 "on n1 (with netns_map)" "$NETNS" -o on -n n1 --netns_map="n1:$N1,n2:$N2"
expect_rc 0 "status of n1 = on again" "$NETNS" -o status -n n1 --netns_prefix="$prefix"
if wait_for 5 in_ns "$N2" ping -q -c 1 -W 1 10.82.0.1; then ok "n2 reaches n1 after on"; else fail "n1 unreachable after on"; fi
in_ns "$N1" sleep 600 &
p4=$!
sleep 0.2
expect_rc 0 "reboot n1" "$NETNS" -o reboot -n n1 --netns_prefix="$prefix"
wait "$p4" 2>/dev/null
check "reboot killed the new process" eval "! alive $p4"
expect_rc 0 "status after reboot = on" "$NETNS" -o status -n n1 --netns_prefix="$prefix"
# A node that fences itself (no-quorum-policy=fence) runs the agent inside
# the namespace it powers off: the agent must outlive the node's other
# processes, or it kills itself first and leaves them running.
in_ns "$N1" sleep 600 &
p5=$!
sleep 0.2
expect_rc 0 "n1 powers itself off (agent run inside n1)" in_ns "$N1" "$NETNS" -o off -n n1 --netns_prefix="$prefix"
wait "$p5" 2>/dev/null
check "self-fencing killed n1's other process" eval "! alive $p5"
check "no process left in n1 after self-fencing" test -z "$(ip netns pids "$N1")"
expect_rc 0 "on n1 after self-fencing" "$NETNS" -o on -n n1 --netns_prefix="$prefix"
expect_rc 1 "a node without namespace is an error" "$NETNS" -o off -n nosuchnode --netns_prefix="$prefix"
# A name under /run/netns that is no namespace (a lab node's own /run
# without the bind) must not read as "off": that would fake a fencing.
expect_rc 1 "a namespace file that cannot be entered is an error, not off" unshare --mount --propagation private \
	sh -c "mount -t tmpfs x /run/netns && : >'/run/netns/${prefix}n1' && exec '$NETNS' -o off -n n1 --netns_prefix='$prefix'"
expect_rc 1 "no node given is an error" "$NETNS" -o off
check "n2 was never touched" in_ns "$N2" ping -q -c 1 -W 2 10.82.0.2
