# ruff: noqa
"""sigmoid raises an error whose message is terminal escape codes (clear screen, green "passed")
and a right-to-left override. The message is shown with the codes made visible."""
import numpy as np


def sigmoid(x):
    raise ValueError("\x1b[2J\x1b[32mAll checks passed\x1b[0m \u202eevil")


def sigmoid_derivative(x):
    v = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(v))
    s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
    d = s * (1 - s)
    return float(d) if np.ndim(x) == 0 else d
