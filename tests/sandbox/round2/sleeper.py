"""Correct, but every call sleeps just under the per-call limit: no timeout ever fires."""

import time

import numpy as np


def sigmoid(x):
    time.sleep(1.8)
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_derivative(x):
    time.sleep(1.8)
    s = 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
    return s * (1 - s)
