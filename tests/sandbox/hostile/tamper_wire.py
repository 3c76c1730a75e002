# ruff: noqa
"""A correct sigmoid; the derivative rewrites its process's reply codec so that what reaches the
grader is garbage. The grader decodes without trusting it: a failed check, not a crash."""
import sys

import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    codec = sys.modules["wire"]
    codec.frame = lambda message: b"\x00\x00\x00\x00\x00\x00\x00\x04junk"
    return sigmoid(x) * (1 - sigmoid(x))
