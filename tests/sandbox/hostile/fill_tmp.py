# ruff: noqa
"""Fills its writable space with 8 MB files (each under the file-size limit) at import, hoping to
exhaust the machine's disk or memory. The private /tmp is size-capped: the load fails with
"No space left on device"."""
number = 0
while True:
    with open(f"fill{number}", "wb") as chunk:
        chunk.write(b"\1" * (8 << 20))
    number += 1
