# ruff: noqa
"""Arrays that are not numeric: object dtype (holding always-equal objects) and a structured
dtype. Both are refused at the boundary."""
import numpy as np


class AlwaysEqual:
    def __eq__(self, other):
        return True


def sigmoid(x):
    out = np.empty(np.shape(x), dtype=object)
    out[...] = AlwaysEqual()
    return out


def sigmoid_derivative(x):
    return np.zeros(np.shape(x), dtype=[("value", float)])
