#!/usr/bin/env python3
"""Idle footprint of a cluster stack, from /proc: for each node, the stack's
processes (the benchmark's own responder excluded), their summed RSS, and the
CPU seconds they use over an idle interval, scaled to an hour.
Usage: measure.py SECONDS NODE=PID,PID... ...   (tab-separated on stdout)"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
SKIP = {"python3", "python", "nsenter", "sh", "timeout"}


def sample(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK
        rss = 0
        with open("/proc/%s/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        return comm, cpu, rss
    except (OSError, ValueError, IndexError):
        return None


def main():
    seconds = float(sys.argv[1])
    nodes = {}
    for arg in sys.argv[2:]:
        node, _, pids = arg.partition("=")
        nodes[node] = [p for p in pids.split(",") if p]
    before = {n: {p: sample(p) for p in ps} for n, ps in nodes.items()}
    time.sleep(seconds)
    print("node\tprocesses\trss_mb\tcpu_s_per_hour\tnames")
    for n, ps in nodes.items():
        count, rss, cpu, names = 0, 0, 0.0, []
        for p in ps:
            a, b = before[n].get(p), sample(p)
            if not a or not b or b[0] in SKIP:
                continue
            count += 1
            rss += b[2]
            cpu += b[1] - a[1]
            names.append(b[0])
        print("%s\t%d\t%.1f\t%.1f\t%s" % (n, count, rss / 1024.0, cpu * 3600.0 / seconds,
                                          ",".join(sorted(names))))


if __name__ == "__main__":
    main()
