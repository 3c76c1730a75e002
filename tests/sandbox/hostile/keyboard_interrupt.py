# ruff: noqa
"""A correct sigmoid; the derivative raises KeyboardInterrupt, which must not stop the grader."""
import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    raise KeyboardInterrupt("stop the grader")
