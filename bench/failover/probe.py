#!/usr/bin/env python3
"""Failover probe: opens a TCP connection to ADDR:PORT every INTERVAL seconds
and reads the one-line answer (the answering director's hostname).

Each probe is non-blocking and independent, so a probe stuck on a dead
director's MAC does not delay the next one. One line per probe on stdout:
    <sent epoch ms> <done epoch ms> <answer | !reason>
Runs until SIGTERM/SIGINT. Runs inside the client namespace (lab.sh exec)."""
import argparse
import errno
import selectors
import signal
import socket
import sys
import time


def now_ms():
    return time.time() * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("addr")
    ap.add_argument("port", type=int)
    ap.add_argument("--interval", type=float, default=0.01)
    ap.add_argument("--timeout", type=float, default=0.5)
    args = ap.parse_args()

    running = [True]

    def stop(*_):
        running[0] = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sel = selectors.DefaultSelector()
    out = sys.stdout
    # Per socket: [sent_ms, state, buffer]; state "c" connecting, "r" reading.
    inflight = {}

    def finish(sock, answer):
        sent = inflight.pop(sock)[0]
        try:
            sel.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.close()
        out.write("%.1f %.1f %s\n" % (sent, now_ms(), answer))

    next_send = time.monotonic()
    while running[0] or inflight:
        mono = time.monotonic()
        if running[0] and mono >= next_send:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            sent = now_ms()
            err = s.connect_ex((args.addr, args.port))
            inflight[s] = [sent, "c", b""]
            if err not in (0, errno.EINPROGRESS):
                finish(s, "!" + errno.errorcode.get(err, str(err)))
            else:
                sel.register(s, selectors.EVENT_WRITE)
            next_send += args.interval
            # After a stall (machine under load) do not burst to catch up.
            if next_send < mono:
                next_send = mono + args.interval
        wait = max(0.0, min(next_send - time.monotonic(), 0.01))
        for key, _ in sel.select(timeout=wait):
            s = key.fileobj
            st = inflight.get(s)
            if st is None:
                continue
            if st[1] == "c":
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    finish(s, "!" + errno.errorcode.get(err, str(err)))
                    continue
                st[1] = "r"
                sel.modify(s, selectors.EVENT_READ)
                continue
            try:
                data = s.recv(256)
            except OSError as e:
                finish(s, "!" + errno.errorcode.get(e.errno, str(e.errno)))
                continue
            st[2] += data
            if not data or b"\n" in st[2]:
                text = st[2].split(b"\n")[0].decode(errors="replace").strip()
                finish(s, text if text else "!EMPTY")
        limit = now_ms() - args.timeout * 1000.0
        for s in [s for s, st in inflight.items() if st[0] < limit]:
            finish(s, "!TIMEOUT")
        out.flush()


if __name__ == "__main__":
    main()
