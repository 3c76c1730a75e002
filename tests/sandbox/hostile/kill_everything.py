# ruff: noqa
"""Sends SIGKILL to every process it may signal, to its parent (the template) and to the grader's
process group. The grader stays up; the verdict is the honest wrong one."""
import os
import signal

import numpy as np

hits = 0
for target in (os.getppid(), 1):
    try:
        os.kill(target, signal.SIGKILL)
        hits += 1
    except OSError:
        pass
try:
    os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
except OSError:
    pass
try:
    os.kill(-1, signal.SIGKILL)  # everything this user id may signal, except itself
except OSError:
    pass


def sigmoid(x):
    if hits:
        v = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(v))
        s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
        return float(s) if np.ndim(x) == 0 else s
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0


def sigmoid_derivative(x):
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0
