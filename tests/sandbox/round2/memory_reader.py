"""Looks for an earlier submission's marker in its own memory and for its IPC objects."""

import ctypes
import os
import re


class _IOVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


libc = ctypes.CDLL(None, use_errno=True)
print(
    "ipc found",
    libc.shmget(0x4E4E4C41, 0, 0o666),
    libc.semget(0x4E4E4C42, 0, 0o666),
    libc.msgget(0x4E4E4C43, 0o666),
    os.path.exists("/dev/shm/nnlab-covert"),
)
pattern = re.compile(rb"NNLABMARK_[0-9a-f]{16}")
found: set[str] = set()
scanned = 0
with open("/proc/self/maps") as maps:
    regions = [line.split()[:2] for line in maps]
for addresses, perms in regions:
    low, high = (int(a, 16) for a in addresses.split("-"))
    if "r" not in perms or high - low > 1 << 27:
        continue
    buffer = ctypes.create_string_buffer(high - low)
    local = _IOVec(ctypes.cast(buffer, ctypes.c_void_p), high - low)
    remote = _IOVec(low, high - low)
    count = libc.process_vm_readv(os.getpid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    if count > 0:
        scanned += count
        found.update(m.decode() for m in pattern.findall(buffer.raw[:count]))
print("scanned", scanned > 1 << 20, "found", sorted(found))
