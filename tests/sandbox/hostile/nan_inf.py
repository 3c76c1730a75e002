# ruff: noqa
"""NaN from sigmoid, inf from its derivative: not-finite results fail their checks."""
import numpy as np


def sigmoid(x):
    return np.full(np.shape(x), np.nan) if np.ndim(x) else float("nan")


def sigmoid_derivative(x):
    return np.full(np.shape(x), np.inf) if np.ndim(x) else float("inf")
