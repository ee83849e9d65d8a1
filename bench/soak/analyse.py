#!/usr/bin/env python3
"""Summarises one soak (failover/run.sh with the "soak" fault): over the
soak window, everything that would be a spurious failover or a flap of the
cluster. One row, tab-separated, header first:
  seconds            length of the window
  probes, failed     10 ms probes sent / without an answer
  other_answers      answers from a director other than the active one
  longest_gap_ms     longest time without any answer
  vip_moves          holder samples (either VIP) where the holder was not
                     exactly the active director
  dc_changes         "DC is now" lines of vigild (most on any one node)
  memberships        corosync rings formed ("A new membership", most on any
                     one node)
  members_left       corosync "Members left" lines (all nodes)
  token_lost         corosync "Token has not been received" lines (all nodes):
                     the token timed out, a new membership follows
  not_scheduled      corosync "main process was not scheduled" lines (all
                     nodes): corosync itself starved of CPU for longer than
                     its threshold
  load, load_failed  the load generator's requests / failures (SOAK_LOAD=1)
Usage: analyse.py PROBE EVENTS HOLDERS HOLDERS2 ACTIVE LOAD_PROBE LOG...
(LOG: <node>-corosync.log with hires stamps, <node>-vigild.log stamped with
epoch ms by stamp.py.)"""
import datetime
import os
import sys


def probe_rows(path, t0, t1):
    out = []
    try:
        with open(path) as f:
            for line in f:
                p = line.split(None, 2)
                if len(p) != 3:
                    continue
                try:
                    sent, done = float(p[0]), float(p[1])
                except ValueError:
                    continue
                if t0 <= sent <= t1:
                    out.append((sent, done, p[2].strip()))
    except FileNotFoundError:
        pass
    out.sort(key=lambda r: r[1])
    return out


def holder_moves(path, active, t0, t1):
    n = 0
    try:
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) == 2 and t0 <= float(p[0]) <= t1 and p[1] != active:
                    n += 1
    except FileNotFoundError:
        pass
    return n


def corosync_ms(line, year):
    try:
        t = datetime.datetime.strptime("%d %s" % (year, " ".join(line.split()[:3])),
                                       "%Y %b %d %H:%M:%S.%f")
    except ValueError:
        return None
    return t.timestamp() * 1000.0


def count_lines(path, needle, t0, t1, year):
    n = 0
    with open(path) as f:
        for line in f:
            if needle not in line:
                continue
            if path.endswith("-vigild.log"):
                try:
                    ms = float(line.split()[0])
                except (ValueError, IndexError):
                    continue
            else:
                ms = corosync_ms(line, year)
            if ms is not None and t0 <= ms <= t1:
                n += 1
    return n


def main():
    probe, events, holders, holders2, active, load = sys.argv[1:7]
    logs = [p for p in sys.argv[7:] if os.path.exists(p)]
    t0 = t1 = None
    with open(events) as f:
        for line in f:
            p = line.split()
            if len(p) >= 4 and p[2] == "soak":
                if p[3] == "start":
                    t0 = float(p[0])
                elif p[3] == "end":
                    t1 = float(p[0])
    if t0 is None or t1 is None:
        sys.exit("soak: no soak start/end in %s" % events)
    year = datetime.datetime.fromtimestamp(t0 / 1000.0).year
    rows = probe_rows(probe, t0, t1)
    answers = [r for r in rows if not r[2].startswith("!")]
    other = sum(1 for r in answers if r[2] != active)
    gap, last = 0.0, t0
    for r in answers:
        gap = max(gap, r[1] - last)
        last = r[1]
    gap = max(gap, t1 - last)
    moves = holder_moves(holders, active, t0, t1) + holder_moves(holders2, active, t0, t1)
    dc = max([count_lines(p, "DC is now", t0, t1, year) for p in logs
              if p.endswith("-vigild.log")] or [0])
    rings = max([count_lines(p, "A new membership", t0, t1, year) for p in logs
                 if p.endswith("-corosync.log")] or [0])
    left = sum(count_lines(p, "Members left", t0, t1, year) for p in logs
               if p.endswith("-corosync.log"))
    lost = sum(count_lines(p, "Token has not been received", t0, t1, year) for p in logs
               if p.endswith("-corosync.log"))
    starved = sum(count_lines(p, "was not scheduled", t0, t1, year) for p in logs
                  if p.endswith("-corosync.log"))
    lrows = probe_rows(load, t0, t1)
    lfail = sum(1 for r in lrows if r[2].startswith("!"))
    print("seconds\tprobes\tfailed\tother_answers\tlongest_gap_ms\tvip_moves\tdc_changes"
          "\tmemberships\tmembers_left\ttoken_lost\tnot_scheduled\tload\tload_failed")
    print("\t".join(str(x) for x in [
        "%.0f" % ((t1 - t0) / 1000.0), len(rows), len(rows) - len(answers), other, "%.0f" % gap,
        moves, dc, rings, left, lost, starved, len(lrows), lfail]))


if __name__ == "__main__":
    main()
