#!/usr/bin/env python3
"""The service the probe asks: answers every TCP connection on PORT with this
machine's hostname and closes. Started in every director; only the holder of
the VIP receives the probes addressed to it."""
import socket
import sys


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    name = (socket.gethostname() + "\n").encode()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Non-local bind is not needed: 0.0.0.0 covers a VIP added later.
    srv.bind(("0.0.0.0", port))
    srv.listen(128)
    while True:
        conn, _ = srv.accept()
        try:
            conn.sendall(name)
        except OSError:
            pass
        conn.close()


if __name__ == "__main__":
    main()
