"""Reference solution: a numerically stable sigmoid and its derivative."""

import numpy as np


def sigmoid(x):
    """Sigmoid of `x`, element-wise, without overflow for large |x|."""
    values = np.asarray(x, dtype=float)
    # exp of a non-positive number never overflows: use exp(-|x|) on both sides.
    small = np.exp(-np.abs(values))
    result = np.where(values >= 0, 1.0 / (1.0 + small), small / (1.0 + small))
    return float(result) if np.ndim(x) == 0 else result


def sigmoid_derivative(x):
    """Derivative of the sigmoid at `x`: s(x) * (1 - s(x))."""
    s = sigmoid(x)
    return s * (1.0 - s)
