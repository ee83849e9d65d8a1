#!/bin/sh
# Benchmark (not a test): how long the vip agent's start takes, against
# resource-agents' IPaddr2 with the same address, inside a scratch network
# namespace. Each sample is one start (measured around the agent process
# from inside the namespace), followed by an untimed stop.
# Usage: sh bench/agents/vip-start.sh [SAMPLES]   (root; default 50)
set -eu
n=${1:-50}
here=$(cd "$(dirname "$0")/../.." && pwd)
ns=vag-bench-$$
tmp=$(mktemp -d /tmp/vag-bench.XXXXXX)
cleanup() {
	for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || :; done
	ip netns del "$ns" 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1
ip -n "$ns" link set eth0 up
ip -n "$ns" link set eth1 up
ip -n "$ns" addr add 192.168.230.1/24 dev eth0

# sample AGENT: prints n start durations in microseconds, one a line.
sample() {
	# shellcheck disable=SC2016 # the loop runs in the namespace's shell
	ip netns exec "$ns" env OCF_ROOT=/usr/lib/ocf HA_RSCTMP="$tmp" OCF_RESOURCE_INSTANCE=bench \
		OCF_RESKEY_ip=192.168.230.200 OCF_RESKEY_nic=eth0 OCF_RESKEY_cidr_netmask=24 \
		sh -c '
		i=0
		while [ "$i" -lt "$2" ]; do
			t0=$(date +%s%N)
			"$1" start >/dev/null 2>&1 || { echo "start failed" >&2; exit 1; }
			t1=$(date +%s%N)
			echo $(((t1 - t0) / 1000))
			"$1" stop >/dev/null 2>&1
			i=$((i + 1))
		done' sample "$1" "$n"
}

# A date fork's own cost, to subtract mentally.
# shellcheck disable=SC2016
baseline=$(ip netns exec "$ns" sh -c 't0=$(date +%s%N); t1=$(date +%s%N); echo $(((t1 - t0) / 1000))')

report() {
	sort -n | awk -v name="$1" '{ v[NR] = $1 } END {
		printf "%-10s n=%d  min %.1f ms  median %.1f ms  p90 %.1f ms  max %.1f ms\n",
			name, NR, v[1] / 1000, v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.9)] / 1000, v[NR] / 1000 }'
}

echo "vip start vs IPaddr2 start, $n samples each (one date(1) fork costs ~$((baseline / 1000)) ms)"
sample "$here/agents/ocf/vip" | report vigil:vip
if [ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ]; then
	sample /usr/lib/ocf/resource.d/heartbeat/IPaddr2 | report IPaddr2
fi
