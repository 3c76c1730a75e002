"""Sends a forged load report on the data socket before the real one, then leaves."""

import os
import socket
import stat
import sys

REPORT = {"@report@": None}  # replaced by the test
wire = sys.modules["wire"]
for fd in range(3, 64):
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode):
            sock = socket.socket(fileno=fd)
            sock.sendall(wire.frame(wire.encode(REPORT)))
            break
    except OSError:
        pass
os._exit(0)
