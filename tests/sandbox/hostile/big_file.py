# ruff: noqa
"""A correct sigmoid; the derivative writes a 100 MB file in its working directory: stopped at
the file-size limit."""
import numpy as np


def sigmoid(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if np.ndim(x) == 0 else s


def sigmoid_derivative(x):
    with open("big.bin", "wb") as big:
        for _ in range(100):
            big.write(b"\0" * 2**20)
    return sigmoid(x) * (1 - sigmoid(x))
