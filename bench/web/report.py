#!/usr/bin/env python3
"""Turns OUT/web.tsv (bench/web/run.sh) into OUT/web.md: for each page a
table shaped like the thesis' tables 11, 13 and 14 (requests, concurrency,
requests per second, time per request), Vigil's cluster beside the same
HAProxy started by hand with no cluster software running, and the thesis'
own figures for 1000 requests (VirtualBox on a laptop, Apache+PHP
containers: context, not a like-for-like comparison); then wrk.
Usage: report.py OUT"""
import csv
import os
import sys

PAGES = [("static", "Table 11: static page, index.php, port 80 (tcp mode, nine containers)"),
         ("pi", "Table 13: dynamic page, pi.php?n=100000, port 80"),
         ("image", "Table 14: static page with an image, imagen.html, port 90 (Gluster-backed)")]
# The thesis' rows for -n 1000 (tables 11, 13, 14): concurrency -> req/s.
THESIS = {"static": {1: 165.58, 3: 326.47, 5: 487.88, 10: 499.89, 20: 517.86},
          "pi": {1: 46.38, 3: 63.97, 5: 82.41, 10: 85.57, 20: 84.12},
          "image": {1: 67.41, 3: 154.91, 5: 138.26, 10: 102.75, 20: 93.7}}


def f(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def errors(row):
    """wrk's socket error line, shortened to its non-zero counts."""
    text = (row.get("failed") or "").replace("Socket errors:", "").strip()
    parts = [p.strip() for p in text.split(",") if p.strip() and not p.strip().endswith(" 0")]
    return ", ".join(parts) or "0"


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "web.tsv")) as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    ab = {(r["mode"], r["page"], int(r["concurrency"])): r for r in rows if r["tool"] == "ab"}
    wrk = {(r["mode"], r["page"]): r for r in rows if r["tool"] == "wrk"}
    out = ["# Web path: ApacheBench and wrk from the client through the VIP and HAProxy", "",
           "*Vigil*: the web cluster of examples/webcluster, every resource run by vigild. "
           "*By hand*: vigild and corosync killed on every node, the same haproxy.cfg started by "
           "hand on the same director (VIPs, containers and Gluster mounts left as they were). "
           "Difference = by hand minus Vigil, in requests per second.", ""]
    for page, title in PAGES:
        concs = sorted({c for (m, p, c) in ab if p == page})
        if not concs:
            continue
        out += ["## " + title, "",
                "| Total Requests (-n) | Concurrent Requests (-c) | Requests per Second, Vigil "
                "| Time per Request (ms), Vigil | Requests per Second, by hand "
                "| Time per Request (ms), by hand | difference | failed (Vigil / by hand) "
                "| thesis, -n 1000 (req/s) |",
                "|---|---|---|---|---|---|---|---|---|"]
        for c in concs:
            v = ab.get(("vigil", page, c), {})
            h = ab.get(("hand", page, c), {})
            rv, rh = f(v.get("req_per_s")), f(h.get("req_per_s"))
            diff = "%+.1f%%" % (100.0 * (rh - rv) / rv) if rv and rh else "n/a"
            out.append("| %s | %d | %s | %s | %s | %s | %s | %s / %s | %s |" % (
                v.get("requests") or h.get("requests") or "", c, v.get("req_per_s", "n/a"),
                v.get("ms_per_req", "n/a"), h.get("req_per_s", "n/a"), h.get("ms_per_req", "n/a"),
                diff, v.get("failed", ""), h.get("failed", ""), THESIS[page].get(c, "")))
        out.append("")
    if wrk:
        out += ["## wrk (2 threads, 10 connections)", "",
                "| page | req/s, Vigil | latency avg / p99, Vigil | req/s, by hand "
                "| latency avg / p99, by hand | errors (Vigil / by hand) |",
                "|---|---|---|---|---|---|"]
        for page, _ in PAGES:
            v = wrk.get(("vigil", page), {})
            h = wrk.get(("hand", page), {})
            if not v and not h:
                continue
            out.append("| %s | %s | %s / %s | %s | %s / %s | %s / %s |" % (
                page, v.get("req_per_s", "n/a"), v.get("ms_per_req", ""), v.get("p99", ""),
                h.get("req_per_s", "n/a"), h.get("ms_per_req", ""), h.get("p99", ""),
                errors(v), errors(h)))
        out += ["", "busybox httpd closes every connection after its answer (no keep-alive): "
                "wrk counts those closes as read errors."]
        out.append("")
    with open(os.path.join(d, "web.md"), "w") as fh:
        fh.write("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
