#!/usr/bin/env python3
"""Where the time of a killed-haproxy recovery goes, from vigild's logs
stamped with epoch milliseconds (stamp.py) and the run's events and probe
log. One row per run (tab-separated, header first), each column in ms after
the fault (the kill):
  monitor_failed  the HAProxy monitor reporting it not running (rc 7)
  transition      the DC starting the first transition after that
  stopped         HAProxy's stop finished
  started         HAProxy's start finished
  answer          the probe's first answer after the fault (as analyse.py)
Usage: timeline.py EVENTS PROBE VIGILD_LOG...
"""
import re
import sys

LINE = re.compile(r"^(\d+) .*?: (.*)$")
RESULT = re.compile(r"^HAProxy (monitor|stop|start) on (\S+): rc=(\d+)")


def load_log(paths):
    out = []
    for path in paths:
        try:
            with open(path) as f:
                for line in f:
                    m = LINE.match(line.rstrip("\n"))
                    if m:
                        out.append((float(m.group(1)), m.group(2)))
        except FileNotFoundError:
            continue
    out.sort()
    return out


def main():
    events, probe, logs = sys.argv[1], sys.argv[2], sys.argv[3:]
    runs = {}
    with open(events) as f:
        for line in f:
            p = line.split()
            if len(p) >= 3:
                runs.setdefault(int(p[1]), {})[p[2]] = float(p[0])
    probes = []
    with open(probe) as f:
        for line in f:
            p = line.split(None, 2)
            if len(p) == 3:
                try:
                    probes.append((float(p[0]), float(p[1]), p[2].strip()))
                except ValueError:
                    pass
    probes.sort(key=lambda r: r[1])
    log = load_log(logs)
    print("run\tmonitor_failed\ttransition\tstopped\tstarted\tanswer")
    for run, ev in sorted(runs.items()):
        if "fault" not in ev:
            continue
        t0 = ev["fault"]
        t1 = ev.get("end", float("inf"))
        marks = {}
        for ms, text in log:
            if ms < t0 or ms > t1:
                continue
            m = RESULT.match(text)
            if m:
                action, rc = m.group(1), int(m.group(3))
                if action == "monitor" and rc != 0:
                    marks.setdefault("monitor_failed", ms)
                elif action in ("stop", "start") and rc == 0 and "monitor_failed" in marks:
                    marks.setdefault("stopped" if action == "stop" else "started", ms)
            elif "monitor_failed" in marks and re.match(r"transition \d+ started", text):
                marks.setdefault("transition", ms)
        failed = False
        for sent, done, ans in probes:
            if sent < t0:
                continue
            if ans.startswith("!"):
                failed = True
            elif failed:
                marks["answer"] = done
                break
        print("\t".join([str(run)] + ["%.0f" % (marks[k] - t0) if k in marks else ""
                                      for k in ("monitor_failed", "transition", "stopped",
                                                "started", "answer")]))


if __name__ == "__main__":
    main()
