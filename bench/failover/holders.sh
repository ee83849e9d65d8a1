#!/bin/sh
# Samples which directors hold the VIP, every 0.1 s, from the host (ip -n
# reads each node's network namespace directly, no process in the node).
# One line per sample: "<epoch ms> <node,node,...|->". Runs until killed.
# Usage: holders.sh PREFIX VIP NODE...
set -u
prefix=$1
vip=$2
shift 2
while :; do
    held=""
    for n in "$@"; do
        if ip -n "$prefix$n" -o -4 addr show to "$vip" 2>/dev/null | grep -q .; then
            held="$held,$n"
        fi
    done
    held=${held#,}
    echo "$(date +%s%3N) ${held:--}"
    sleep 0.1
done
