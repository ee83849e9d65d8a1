#!/usr/bin/env python3
"""Copies stdin to stdout with the epoch time in milliseconds in front of
each line: vigild logs with one-second stamps, and the benchmark needs to
say where the milliseconds of a recovery go. Used as
    vigild ... 2>&1 | stamp.py
Ends when its input does."""
import sys
import time


def main():
    out = sys.stdout
    for line in sys.stdin:
        out.write("%.0f %s" % (time.time() * 1000.0, line))
        out.flush()


if __name__ == "__main__":
    main()
