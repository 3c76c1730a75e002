# ruff: noqa
"""Starts processes meant to outlive the grading: a double-forked daemon in a session of its own
that ignores SIGTERM and SIGHUP, and `sleep` started in a new session. All carry the marker the
tests look for (as their name); none may survive the submission."""
import ctypes
import os
import signal
import subprocess


def daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            ctypes.CDLL(None).prctl(15, b"@mark@", 0, 0, 0)
            while True:
                signal.pause()
        os._exit(0)

daemon()
try:
    subprocess.Popen(["@mark@", "600"], executable="/bin/sleep", start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
except OSError:
    pass


def sigmoid(x):
    daemon()
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
