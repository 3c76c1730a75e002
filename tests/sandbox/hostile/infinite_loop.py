# ruff: noqa
"""A correct sigmoid, and a derivative that never returns: only the derivative's checks fail,
each with a timeout that says so in plain words."""
import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    while True:
        pass
