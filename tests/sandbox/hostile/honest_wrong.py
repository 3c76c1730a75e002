# ruff: noqa
"""The yardstick: an honest but wrong sigmoid submission (zeros of the right shape).

Hostile submissions whose attack fails fall back to exactly this code, so each of them must get
exactly this verdict: an attack may never earn a point an honest wrong answer would not.
"""
import numpy as np


def sigmoid(x):
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0


def sigmoid_derivative(x):
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0
