# ruff: noqa
"""An ndarray subclass whose comparisons and numpy functions always agree, and a masked array.
Both are refused at the boundary: only exact numeric ndarrays cross."""
import numpy as np


class Sneaky(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)

    def __array_function__(self, func, types, args, kwargs):
        return True


def sigmoid(x):
    return np.zeros(np.shape(x)).view(Sneaky)


def sigmoid_derivative(x):
    return np.ma.masked_array(np.zeros(np.shape(x)), mask=True)
