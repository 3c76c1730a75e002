# ruff: noqa
"""Starts processes meant to outlive the grading: a double-forked daemon in a session of its own
that ignores SIGTERM and SIGHUP, and `sleep` started in a new session. All carry the marker the
tests look for (as their name); none may survive the submission."""
import ctypes
import os
import signal
import subprocess

import numpy as np


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
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0


def sigmoid_derivative(x):
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0
