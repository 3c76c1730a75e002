"""Leaves a marker in memory (its source, its file name) and SysV/POSIX IPC objects behind."""

import ctypes
import os

MARKER = "NNLABMARK_@marker@"
libc = ctypes.CDLL(None, use_errno=True)
made = [
    libc.shmget(0x4E4E4C41, 1 << 20, 0o1666),
    libc.semget(0x4E4E4C42, 1, 0o1666),
    libc.msgget(0x4E4E4C43, 0o1666),
]
try:
    os.close(os.open("/dev/shm/nnlab-covert", os.O_CREAT | os.O_RDWR, 0o666))
except OSError:
    pass
print("writer made", made)
