# ruff: noqa
"""Monkeypatches numpy's comparisons to always agree, then answers wrong. The comparisons that
count run in the grader's own process, which this cannot reach."""
import numpy as np

always = lambda *args, **kwargs: True
for name in ("allclose", "isclose", "array_equal", "array_equiv", "all", "any", "isfinite"):
    setattr(np, name, always)
np.testing.assert_allclose = lambda *args, **kwargs: None
np.testing.assert_array_equal = lambda *args, **kwargs: None
try:
    np.ndarray.__eq__ = always
except TypeError:
    pass


def sigmoid(x):
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
