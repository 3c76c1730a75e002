# ruff: noqa
"""`while True: os.fork()` at import. The process limit stops it; the load fails with the
error the last fork got; no process of it survives the grading (all carry the marker name)."""
import ctypes
import os

ctypes.CDLL(None).prctl(15, b"@mark@", 0, 0, 0)  # PR_SET_NAME: the tests look for it
while True:
    os.fork()
