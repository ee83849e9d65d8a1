#!/usr/bin/env python3
"""Turns one series' probe log, event log and VIP-holder log into one row per
run (tab-separated on stdout, header first).

  probe log:   <sent ms> <done ms> <answer|!reason>     (probe.py)
  event log:   <ms> <run> fault <kind> <node> | <ms> <run> restore <node> | <ms> <run> end
  holder log:  <ms> <node,node,...|->                   (holders.sh)

Per run:
  outage_ms     fault -> first answer from another director (or, for a fault
                that leaves the node in place such as a killed service, the
                first answer at all after the first failed probe)
  gap_ms        longest time without an answer between fault and restore
  back_ms       restore -> first answer from the original director again
  failback_gap_ms  longest time without an answer between restore and end
  flaps         answers switching back to a director already left, between
                the fault and the end (two directors answering in turn)
  dual_ms       longest time two or more directors held the VIP at once
  detect_ms     fault -> the survivor's corosync forming a membership without
                the node ("Members left"), when a 4th argument names that
                corosync's log with hires timestamps; outage_ms - detect_ms is
                what the resource manager adds above corosync
  merge_ms      restore -> the survivor's corosync taking the node back
                ("Members joined"): the partitions merged
  settle_ms     merge -> every VIP held by exactly one director from then on
                (the holder logs: the 3rd argument and an optional 5th for
                the second VIP); for a split with both sides holding the
                VIPs, how long the heal takes after corosync's merge
  held_at_merge 1 if some VIP was held twice at the merge (else settle_ms
                says nothing about healing)

Faults named "service" or "haproxy*" leave the node in place: their outage
is the first answer at all after the first failed probe, if it came before
the restore (else empty: the stack never brought the service back).
"""
import datetime
import sys


def load_probe(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split(None, 2)
            if len(parts) != 3:
                continue
            try:
                rows.append((float(parts[0]), float(parts[1]), parts[2].strip()))
            except ValueError:
                continue
    rows.sort(key=lambda r: r[1])
    return rows


def load_events(path):
    runs = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) < 3:
                continue
            ms, run, ev = float(p[0]), int(p[1]), p[2]
            runs.setdefault(run, {})[ev] = (ms, p[3:])
    return runs


def load_holders(path):
    rows = []
    try:
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) == 2:
                    rows.append((float(p[0]), [] if p[1] == "-" else p[1].split(",")))
    except FileNotFoundError:
        pass
    return rows


def load_membership(path, year, what="Members left"):
    """Epoch ms of each "Members left" (or WHAT) line of a corosync log
    written with 'timestamp: hires' ("Nov 27 17:04:03.123 notice ...", local
    time)."""
    out = []
    try:
        with open(path) as f:
            for line in f:
                if what not in line:
                    continue
                stamp = " ".join(line.split()[:3])
                try:
                    t = datetime.datetime.strptime("%d %s" % (year, stamp), "%Y %b %d %H:%M:%S.%f")
                except ValueError:
                    continue
                out.append(t.timestamp() * 1000.0)
    except FileNotFoundError:
        pass
    return out


def ok(r):
    return not r[2].startswith("!")


def longest_gap(answers, start, end):
    """Longest interval in [start, end] with no answer received."""
    last = start
    gap = 0.0
    for r in answers:
        if r[1] < start:
            continue
        if r[1] > end:
            break
        gap = max(gap, r[1] - last)
        last = r[1]
    return max(gap, end - last) if last < end else gap


def settle_after(holder_logs, t_merge, t_end):
    """(settle ms after t_merge, held twice at the merge?) from the holder
    logs: the first sample from which every VIP has exactly one holder until
    t_end."""
    samples = sorted((ms, i, nodes) for i, log in enumerate(holder_logs)
                     for ms, nodes in log if t_merge - 500 <= ms <= t_end)
    if not samples:
        return None, 0
    current = {}
    twice_at_merge = 0
    settled_since = None
    for ms, i, nodes in samples:
        current[i] = len(nodes)
        if ms <= t_merge:
            twice_at_merge = int(any(n > 1 for n in current.values()))
            continue
        single = len(current) == len(holder_logs) and all(n == 1 for n in current.values())
        if single:
            settled_since = ms if settled_since is None else settled_since
        else:
            settled_since = None
    if settled_since is None:
        return None, twice_at_merge
    return max(0.0, settled_since - t_merge), twice_at_merge


def fmt(v):
    return "" if v is None else "%.0f" % v


def main():
    probe, events, holders = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = load_probe(probe)
    answers = [r for r in rows if ok(r)]
    hold = load_holders(holders)
    runs = load_events(events)
    left = joined = []
    if len(sys.argv) > 4 and runs:
        first = min(ev["fault"][0] for ev in runs.values() if "fault" in ev)
        year = datetime.datetime.fromtimestamp(first / 1000.0).year
        left = load_membership(sys.argv[4], year)
        joined = load_membership(sys.argv[4], year, "Members joined")
    holder_logs = [hold] + ([load_holders(sys.argv[5])] if len(sys.argv) > 5 else [])
    print("run\tfault\tnode\toutage_ms\tnew\tgap_ms\tback_ms\tfailback_gap_ms\tflaps\tdual_ms"
          "\tdetect_ms\tmerge_ms\tsettle_ms\theld_at_merge")
    for run, ev in sorted(runs.items()):
        if "fault" not in ev or "end" not in ev:
            continue
        t0, (kind, old) = ev["fault"][0], ev["fault"][1][:2]
        t_end = ev["end"][0]
        t_restore = ev["restore"][0] if "restore" in ev else t_end
        outage = new = None
        service = kind == "service" or kind.startswith("haproxy")
        if service:
            failed = [r for r in rows if r[0] >= t0 and not ok(r)]
            since = failed[0][0] if failed else t0
            # Only what the stack did: after the restore the harness itself
            # may have restarted the service (keepalived runs it by hand).
            for r in answers:
                if r[0] >= since and r[1] >= t0:
                    if r[1] <= t_restore:
                        outage, new = r[1] - t0, r[2]
                    break
        else:
            for r in answers:
                if r[1] >= t0 and r[2] != old:
                    outage, new = r[1] - t0, r[2]
                    break
        gap = longest_gap(answers, t0, t_restore)
        back = None
        if "restore" in ev and not service:
            for r in answers:
                if r[1] >= t_restore and r[2] == old:
                    back = r[1] - t_restore
                    break
        fb_gap = longest_gap(answers, t_restore, t_end) if "restore" in ev else None
        seq = []
        for r in answers:
            if t0 <= r[1] <= t_end and (not seq or seq[-1] != r[2]):
                seq.append(r[2])
        # A return to the original director after the restore is expected
        # (failback); any other revisit means two directors answered in turn.
        flaps = 0
        seen = set()
        for i, who in enumerate(seq):
            if who in seen and not (who == old and i == len(seq) - 1):
                flaps += 1
            seen.add(who)
        dual = 0.0
        since = None
        for ms, nodes in hold:
            if ms < t0 or ms > t_end:
                continue
            if len(nodes) > 1:
                since = ms if since is None else since
            elif since is not None:
                # Held twice from the first such sample to the next single one.
                dual = max(dual, ms - since)
                since = None
        if since is not None:
            dual = max(dual, t_end - since)
        detect = None
        for t in left:
            if t0 <= t <= t_restore:
                detect = t - t0
                break
        merge = settle = None
        twice = ""
        if "restore" in ev and not service:
            for t in joined:
                if t_restore <= t <= t_end:
                    merge = t - t_restore
                    settle, twice = settle_after(holder_logs, t, t_end)
                    break
        print("\t".join([str(run), kind, old, fmt(outage), new or "", fmt(gap), fmt(back),
                         fmt(fb_gap), str(flaps), fmt(dual), fmt(detect), fmt(merge), fmt(settle),
                         str(twice)]))


if __name__ == "__main__":
    main()
