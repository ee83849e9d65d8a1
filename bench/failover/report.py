#!/usr/bin/env python3
"""Summarises every <stack>-<fault>.tsv in a results directory (written by
run.sh/analyse.py) into failover.md (Markdown tables, min/median/max over the
runs) and one SVG per fault (outage and failback gap per stack, a line from
min to max with a dot at the median). The cut fault also gets the heal of
the split (corosync's merge to one holder of each VIP); the killed-haproxy
faults get the outage, the runs never answered again, and for Vigil where
the time went (<series>.timeline.tsv, timeline.py).
Usage: report.py RESULTS_DIR"""
import csv
import glob
import os
import statistics
import sys

STACK_ORDER = ["keepalived-1", "keepalived-1-track", "keepalived-0.1", "pacemaker-default",
               "pacemaker-1000", "vigil-1000", "vigil-fast"]
FAULTS = ["poweroff", "cut", "haproxy", "haproxy30", "haproxy1"]
MONITOR = {"haproxy": "10 s (the example's)", "haproxy30": "30 s (the seed's interval)",
           "haproxy1": "1 s (not the example's: what a short interval buys)"}


def load(d):
    series = {}
    for path in glob.glob(os.path.join(d, "*.tsv")):
        name = os.path.basename(path)[:-4]
        stack, _, fault = name.rpartition("-")
        if fault not in FAULTS:
            continue
        with open(path) as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        series[(stack, fault)] = rows
    return series


def nums(rows, key):
    out = []
    for r in rows:
        v = r.get(key, "")
        if v not in ("", None):
            out.append(float(v))
    return out


def mmm(xs, scale=1000.0):
    if not xs:
        return "n/a"
    return "%.2f / %.2f / %.2f" % (min(xs) / scale, statistics.median(xs) / scale, max(xs) / scale)


def order(stacks):
    return sorted(stacks, key=lambda s: (STACK_ORDER.index(s) if s in STACK_ORDER else 99, s))


def svg(fault, series, path, metrics=(("outage_ms", "outage (s)"),
                                       ("failback_gap_ms", "failback gap (s)"))):
    stacks = order([s for (s, f) in series if f == fault])
    if not stacks:
        return
    row_h, left, width, top = 26, 150, 320, 40
    height = top + row_h * len(stacks) + 40
    total_w = left + (width + 60) * len(metrics)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (total_w, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="18" font-size="14">failover, fault: %s (min-max, dot = median)</text>'
           % fault]
    for m, (key, title) in enumerate(metrics):
        x0 = left + m * (width + 60)
        vals = [v for s in stacks for v in nums(series[(s, fault)], key)]
        vmax = max(vals) / 1000.0 if vals else 1.0
        vmax = max(vmax * 1.1, 0.1)
        out.append('<text x="%d" y="%d">%s</text>' % (x0, top - 8, title))
        for t in range(5):
            v = vmax * t / 4
            x = x0 + width * t / 4
            out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>'
                       % (x, top, x, top + row_h * len(stacks)))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%.2f</text>'
                       % (x, top + row_h * len(stacks) + 14, v))
        for i, s in enumerate(stacks):
            y = top + row_h * i + row_h / 2
            if m == 0:
                out.append('<text x="10" y="%.1f">%s</text>' % (y + 4, s))
            xs = nums(series[(s, fault)], key)
            if not xs:
                out.append('<text x="%d" y="%.1f" fill="#999">no data</text>' % (x0, y + 4))
                continue
            lo, med, hi = (min(xs) / 1000.0, statistics.median(xs) / 1000.0, max(xs) / 1000.0)
            sx = lambda v: x0 + width * v / vmax  # noqa: E731
            colour = "#c33" if s.startswith("vigil") else "#36c"
            out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="3"/>'
                       % (sx(lo), y, sx(hi), y, colour))
            out.append('<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>' % (sx(med), y, colour))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def split_heal(d, series):
    stacks = order([s for (s, f) in series if f == "cut"])
    rows = [(s, series[(s, "cut")]) for s in stacks
            if any(r.get("merge_ms") for r in series[(s, "cut")])]
    if not rows:
        return []
    out = ["## heal of the split (cut fault: both sides held the VIPs)", "",
           "Restore = cables plugged back; merge = the survivor's corosync taking cluster1 back "
           "(its log, hires stamps); settled = every VIP on exactly one director from then on "
           "(holder samples every 0.1 s).", "",
           "| stack | runs | both held at merge | restore to merge | merge to one holder "
           "| restore to cluster1 answering |", "|---|---|---|---|---|---|"]
    for s, rs in rows:
        twice = sum(1 for r in rs if r.get("held_at_merge") == "1")
        out.append("| %s | %d | %d | %s | %s | %s |" % (
            s, len(rs), twice, mmm(nums(rs, "merge_ms")), mmm(nums(rs, "settle_ms")),
            mmm(nums(rs, "back_ms"))))
    return out + [""]


def timeline(d, stack, fault):
    path = os.path.join(d, "%s-%s.timeline.tsv" % (stack, fault))
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    parts = []
    for key, what in (("monitor_failed", "monitor sees it"), ("transition", "transition"),
                      ("stopped", "stopped"), ("started", "started"), ("answer", "answer")):
        xs = nums(rows, key)
        if xs:
            parts.append("%s %.2f" % (what, statistics.median(xs) / 1000.0))
    return ", ".join(parts)


def service_table(d, series, fault):
    stacks = order([s for (s, f) in series if f == fault])
    out = ["## fault: %s (haproxy killed on cluster1; monitor every %s)" % (fault, MONITOR.get(fault, "?")),
           "",
           "| stack | runs | outage (kill to first answer) | never answered again | "
           "median after the kill: where the time went (s) |", "|---|---|---|---|---|"]
    for s in stacks:
        rows = series[(s, fault)]
        lost = sum(1 for r in rows if not r.get("outage_ms"))
        out.append("| %s | %d | %s | %d | %s |" % (s, len(rows), mmm(nums(rows, "outage_ms")), lost,
                                                   timeline(d, s, fault)))
    return out + [""]


def main():
    d = sys.argv[1]
    series = load(d)
    lines = ["# Failover (min / median / max, seconds)", ""]
    for fault in FAULTS:
        stacks = order([s for (s, f) in series if f == fault])
        if not stacks:
            continue
        if fault.startswith("haproxy"):
            lines += service_table(d, series, fault)
            lines += ["![%s](failover-%s.svg)" % (fault, fault), ""]
            svg(fault, series, os.path.join(d, "failover-%s.svg" % fault),
                (("outage_ms", "kill to first answer (s)"),))
            continue
        lines += ["## fault: %s" % fault, "",
                  "| stack | runs | outage | longest gap | cluster1 back after restore | failback gap "
                  "| flaps | VIP held twice (max) | bring-up | corosync detection | outage above it |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for s in stacks:
            rows = series[(s, fault)]
            bring = ""
            bp = os.path.join(d, "%s-%s.bringup" % (s, fault))
            if os.path.exists(bp):
                with open(bp) as f:
                    bring = "%.1f" % (float(f.read().split()[1]) / 1000.0)
            dual = nums(rows, "dual_ms")
            above = [float(r["outage_ms"]) - float(r["detect_ms"]) for r in rows
                     if r.get("detect_ms") and r.get("outage_ms")]
            lines.append("| %s | %d | %s | %s | %s | %s | %d | %s | %s | %s | %s |" % (
                s, len(rows), mmm(nums(rows, "outage_ms")), mmm(nums(rows, "gap_ms")),
                mmm(nums(rows, "back_ms")), mmm(nums(rows, "failback_gap_ms")),
                sum(int(r["flaps"] or 0) for r in rows),
                "%.2f" % (max(dual) / 1000.0) if dual else "n/a", bring,
                mmm(nums(rows, "detect_ms")), mmm(above)))
        lines.append("")
        lines.append("![%s](failover-%s.svg)" % (fault, fault))
        lines.append("")
        svg(fault, series, os.path.join(d, "failover-%s.svg" % fault))
        if fault == "cut":
            lines += split_heal(d, series)
    with open(os.path.join(d, "failover.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
