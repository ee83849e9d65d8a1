#!/usr/bin/env python3
"""Scheduler conformance ratchet.

Runs the shared corpus runner (run.py) against `vigil simulate`, prints the
pass counts per tier (placement and actions separately) and fails when any
count is below the committed floor in floors.txt. Raise the floors as the
scheduler improves; never lower them to make a change pass.

usage: ratchet.py RUNNER_DIR FLOORS_FILE VIGIL [-j N]
"""
import os
import re
import subprocess
import sys


def read_floors(path):
    floors = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 3:
                floors[(line[0], line[1])] = int(line[2])
    return floors


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    runner_dir, floors_file, vigil = sys.argv[1:4]
    jobs = "2"
    if "-j" in sys.argv:
        jobs = sys.argv[sys.argv.index("-j") + 1]
    run_py = os.path.join(runner_dir, "run.py")
    if not os.path.isfile(run_py):
        print(f"FAIL: conformance runner not found at {run_py}")
        return 1
    if not os.access(vigil, os.X_OK):
        print(f"FAIL: {vigil} is not an executable")
        return 1
    cmd = [sys.executable, run_py, "-j", jobs, "--cmd",
           f"{vigil} simulate --placement --actions --xml-file {{xml}}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=runner_dir)
    counts = {}
    pattern = re.compile(r"^(tier\d+): (\d+)/(\d+) passed \(placement (\d+)/\d+, actions (\d+)/\d+\)")
    for line in proc.stdout.splitlines():
        m = pattern.match(line)
        if m:
            tier = m.group(1)
            total = int(m.group(3))
            counts[(tier, "passed")] = int(m.group(2))
            counts[(tier, "placement")] = int(m.group(4))
            counts[(tier, "actions")] = int(m.group(5))
            counts[(tier, "total")] = total
    if not counts:
        print("FAIL: no tier summary in the runner's output")
        print(proc.stdout[-2000:], proc.stderr[-2000:])
        return 1
    for tier in sorted({t for t, _ in counts}):
        total = counts[(tier, "total")]
        print(f"{tier}: placement {counts[(tier, 'placement')]}/{total}, "
              f"actions {counts[(tier, 'actions')]}/{total}, both {counts[(tier, 'passed')]}/{total}")
    floors = read_floors(floors_file)
    bad = []
    for (tier, kind), floor in sorted(floors.items()):
        got = counts.get((tier, kind))
        if got is None:
            bad.append(f"{tier} {kind}: no result (floor {floor})")
        elif got < floor:
            bad.append(f"{tier} {kind}: {got} < floor {floor}")
        elif got > floor:
            print(f"note: {tier} {kind} is {got}, above its floor {floor}: raise it in floors.txt")
    for b in bad:
        print("FAIL: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
