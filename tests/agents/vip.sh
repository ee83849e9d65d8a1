#!/bin/sh
# vip agent in network namespaces: ocf-tester (IPv4 and IPv6), exit codes
# for bad parameters, and a move from node A to node B after which a third
# namespace's neighbour table shows B's MAC without having sent anything to
# the address (so only the gratuitous ARP / unsolicited NA can have told it).
. "$(dirname "$0")/lib.sh"
need ip ocf-tester ping
[ -x /usr/libexec/heartbeat/send_arp ] || die "send_arp missing (package resource-agents)"

BR=vag-$TAG-vbr
A=vag-$TAG-va
B=vag-$TAG-vb
C=vag-$TAG-vc
lab_bridge "$BR"
for n in A B C; do
	eval "ns=\$$n"
	netns "$ns"
done
lab_node "$BR" "$A" eth0 10.81.0.1/24
lab_node "$BR" "$B" eth0 10.81.0.2/24
lab_node "$BR" "$C" eth0 10.81.0.3/24
for ns in "$A" "$B" "$C"; do
	ip -n "$ns" -6 addr add "fd81::$(printf '%s' "$ns" | tail -c 1 | tr abc 123)/64" dev eth0 nodad
done
mac_a=$(in_ns "$A" cat /sys/class/net/eth0/address)
mac_b=$(in_ns "$B" cat /sys/class/net/eth0/address)

VIP=10.81.0.100
VIP6=fd81::100

vip() {
	_ns=$1
	_op=$2
	shift 2
	in_ns "$_ns" env OCF_RESOURCE_INSTANCE=vip1 "$@" "$AG/vip" "$_op"
}

note "ocf-tester"
ocf_tester "$A" vip -n vt4 -o ip=10.81.0.150 -o cidr_netmask=24 -o nic=eth0
ocf_tester "$A" vip -n vt6 -o ip=fd81::150

note "exit codes"
expect_rc 6 "malformed ip -> not configured" vip "$A" validate-all OCF_RESKEY_ip=300.1.2.3
expect_rc 6 "prefix too long -> not configured" vip "$A" validate-all OCF_RESKEY_ip=$VIP OCF_RESKEY_cidr_netmask=33
expect_rc 6 "missing ip -> not configured" vip "$A" validate-all
expect_rc 2 "nic absent on this node -> invalid here" vip "$A" validate-all OCF_RESKEY_ip=$VIP OCF_RESKEY_nic=eth9
expect_rc 2 "no connected route -> invalid here" vip "$A" start OCF_RESKEY_ip=10.99.0.1
expect_rc 7 "monitor before start" vip "$A" monitor OCF_RESKEY_ip=$VIP
expect_rc 0 "stop when stopped" vip "$A" stop OCF_RESKEY_ip=$VIP

note "IPv4 move A -> B"
expect_rc 0 "start on A (nic and prefix from the routing table)" vip "$A" start OCF_RESKEY_ip=$VIP OCF_RESKEY_label=vip
check "A holds $VIP/24 labelled eth0:vip" sh -c "ip -n '$A' -o -4 addr show dev eth0 | grep -q 'inet $VIP/24 .* eth0:vip'"
expect_rc 0 "monitor on A" vip "$A" monitor OCF_RESKEY_ip=$VIP OCF_RESKEY_label=vip
check "observer reaches the VIP" in_ns "$C" ping -q -c 1 -W 2 $VIP
check "observer's neighbour entry is A's MAC" sh -c "ip -n '$C' neigh show $VIP | grep -qi '$mac_a'"
# Linux ignores ARP updates within locktime (1 s) of the last one.
sleep 1.2
expect_rc 0 "stop on A" vip "$A" stop OCF_RESKEY_ip=$VIP
expect_rc 7 "monitor on A after stop" vip "$A" monitor OCF_RESKEY_ip=$VIP
t0=$(now_ms)
expect_rc 0 "start on B" vip "$B" start OCF_RESKEY_ip=$VIP OCF_RESKEY_arp_count=6 OCF_RESKEY_arp_interval=300
note "start on B took $(($(now_ms) - t0)) ms (including ip netns exec)"
if wait_for 5 sh -c "ip -n '$C' neigh show $VIP | grep -qi '$mac_b'"; then
	ok "observer's neighbour entry changed to B's MAC ($(ip -n "$C" neigh show $VIP)) without traffic to the VIP"
else
	fail "observer still has: $(ip -n "$C" neigh show $VIP), want $mac_b"
fi
check "observer reaches the VIP on B" in_ns "$C" ping -q -c 1 -W 2 $VIP

note "IPv6 move A -> B"
expect_rc 0 "start v6 on A" vip "$A" start OCF_RESKEY_ip=$VIP6 OCF_RESKEY_cidr_netmask=64
check "observer reaches the v6 VIP" in_ns "$C" ping -q -6 -c 1 -W 2 $VIP6
check "observer's v6 neighbour entry is A's MAC" sh -c "ip -n '$C' -6 neigh show $VIP6 | grep -qi '$mac_a'"
sleep 1.2
expect_rc 0 "stop v6 on A" vip "$A" stop OCF_RESKEY_ip=$VIP6
expect_rc 0 "start v6 on B" vip "$B" start OCF_RESKEY_ip=$VIP6 OCF_RESKEY_arp_count=6 OCF_RESKEY_arp_interval=300
if wait_for 5 sh -c "ip -n '$C' -6 neigh show $VIP6 | grep -qi '$mac_b'"; then
	ok "observer's v6 neighbour entry changed to B's MAC without traffic to the VIP"
else
	fail "observer still has: $(ip -n "$C" -6 neigh show $VIP6), want $mac_b"
fi
check "observer reaches the v6 VIP on B" in_ns "$C" ping -q -6 -c 1 -W 2 $VIP6

note "link down, stop kills a running announcer"
ip -n "$B" link set eth0 down
expect_rc 1 "monitor with the VIP's link down -> failure, not 'not running'" vip "$B" monitor OCF_RESKEY_ip=$VIP
ip -n "$B" link set eth0 up
expect_rc 0 "stop on B" vip "$B" stop OCF_RESKEY_ip=$VIP
expect_rc 0 "start with a long announcement" vip "$A" start OCF_RESKEY_ip=$VIP OCF_RESKEY_arp_count=100 OCF_RESKEY_arp_interval=500
pidfile="$HA_RSCTMP/vigil-vip-vip1.announce.pid"
sender=$(cat "$pidfile" 2>/dev/null)
check "announcer runs after start returned" alive "$sender"
expect_rc 0 "stop" vip "$A" stop OCF_RESKEY_ip=$VIP
if wait_for 2 eval "! alive '$sender'"; then ok "stop ended the announcer"; else fail "announcer $sender survived stop"; fi
expect_rc 0 "stop v6 on B" vip "$B" stop OCF_RESKEY_ip=$VIP6
