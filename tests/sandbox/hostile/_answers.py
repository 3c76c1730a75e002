"""Appended to every hostile submission by tests/sandbox/corpus.py (so line numbers stay those of
the file): the right answers, which an attack that worked would return, and the honest wrong
answer, which every attack that fails falls back to."""

import numpy as _np


def _right_sigmoid(x):
    v = _np.asarray(x, dtype=float)
    e = _np.exp(-_np.abs(v))
    s = _np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    return float(s) if _np.ndim(x) == 0 else s


def _right_derivative(x):
    s = _right_sigmoid(x)
    return s * (1 - s)


def _honest_wrong(x):
    return _np.zeros(_np.shape(x)) if _np.ndim(x) else 0.0
