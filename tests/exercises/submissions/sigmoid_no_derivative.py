# Lab 1 - sigmoid
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    if out.ndim == 0:
        return float(out)
    return out


# TODO derivative
def sigmoid_derivate(z):
    s = sigmoid(z)
    return s * (1 - s)
