#!/usr/bin/env python3
"""Writes a deterministic RGB PNG (default 256x256, about 200 KB like the
seed's imagen.jpg) so the repository holds no binary file."""
import struct
import sys
import zlib


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def main() -> None:
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    seed = 12345
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            # A little noise keeps the file from compressing to nothing.
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            n = seed >> 24
            rows += bytes(((x * 255 // size) ^ n, (y * 255 // size) ^ n, ((x + y) * 127 // size) ^ n))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 6))
    png += chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main()
