# ruff: noqa
"""Results too large to send: a 160 MB array, and a broadcast view that claims 8 TB (copying it
would exhaust memory). Both are refused by size before anything is copied."""
import numpy as np


def sigmoid(x):
    return np.zeros(20_000_000)


def sigmoid_derivative(x):
    return np.broadcast_to(np.float64(0.25), (10**6, 10**6))
