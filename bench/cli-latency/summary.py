#!/usr/bin/env python3
"""cli-latency.md from <stack>-cli.tsv files: per tool, the median, min and
max milliseconds of a change and of the status query after it.
Lines in: "<tool> <i> <change ms> <status ms>".  Usage: summary.py OUT STACK..."""
import os
import statistics
import sys


def main():
    out = sys.argv[1]
    lines = ["# Configuration latency (ms, median [min-max]; one change = create + status)", "",
             "| stack | tool | changes | change | status | change + status |",
             "|---|---|---|---|---|---|"]
    for stack in sys.argv[2:]:
        path = os.path.join(out, "%s-cli.tsv" % stack)
        if not os.path.exists(path):
            lines.append("| %s | (not measured) | | | | |" % stack)
            continue
        tools = {}
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) == 4:
                    tools.setdefault(p[0], []).append((int(p[2]), int(p[3])))
        for tool, rows in tools.items():
            def cell(xs):
                return "%.0f [%d-%d]" % (statistics.median(xs), min(xs), max(xs))
            lines.append("| %s | %s | %d | %s | %s | %s |" % (
                stack, tool, len(rows), cell([a for a, _ in rows]), cell([b for _, b in rows]),
                cell([a + b for a, b in rows])))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(out, "cli-latency.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
