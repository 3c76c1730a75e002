# ruff: noqa
"""A correct sigmoid; the derivative calls os._exit(3): only its checks fail."""
import os

import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    os._exit(3)
