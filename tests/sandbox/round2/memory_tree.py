"""Starts several processes that each take memory just under the per-process limit; returns
how each ended (9: killed) and how many could be started."""

import os
import time


def spread(count, megabytes):
    kids = []
    for _ in range(count):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            try:
                block = bytearray(megabytes << 20)
                for at in range(0, len(block), 4096):
                    block[at] = 1
                time.sleep(1)
            finally:
                os._exit(0)
        kids.append(pid)
    return [os.waitpid(kid, 0)[1] & 0x7F for kid in kids]
