#!/usr/bin/env python3
"""Runs one command and prints what it cost: "WALL CPU MAX_RSS_KB".

usage: measure.py [--timeout SECONDS] OUT CMD...

stdout goes to OUT, stderr to OUT.err. CPU is the user + system time of
the command in microseconds' resolution (/usr/bin/time's hundredths are too
coarse for a run of a few tens of milliseconds); the peak RSS comes from
/usr/bin/time, which runs the command (counting it here would add this
Python process's memory, which a forked child carries until it execs).
With --timeout a command still running after that many seconds of wall
time is stopped and the line reads "timeout CPU MAX_RSS_KB" with what it
had used by then.
"""
import os
import resource
import signal
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def usage_of(pid):
    """CPU seconds and peak RSS (kB) of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1])
    return cpu, rss


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def main():
    args = sys.argv[1:]
    timeout = None
    if args[:1] == ["--timeout"]:
        timeout = float(args[1])
        args = args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, cmd = args[0], args[1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(out, "wb") as so, open(out + ".err", "wb") as se:
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", out + ".rss"] + cmd,
                                stdout=so, stderr=se, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            cpu = rss = 0
            for kid in children_of(proc.pid):
                c, r = usage_of(kid)
                cpu, rss = cpu + c, max(rss, r)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            print(f"timeout {cpu:.3f} {rss}")
            return 0
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(out + ".rss") as f:
        rss = int(f.read().split()[-1])
    print(f"{wall:.3f} {cpu:.3f} {rss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
