# ruff: noqa
"""Ignores SIGTERM, SIGINT, SIGHUP and SIGALRM, blocks what it can, and spins at import. The load
times out and the process is killed anyway; nothing of it survives."""
import ctypes
import signal

ctypes.CDLL(None).prctl(15, b"@mark@", 0, 0, 0)
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGUSR1):
    signal.signal(sig, signal.SIG_IGN)
signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals))
while True:
    pass
