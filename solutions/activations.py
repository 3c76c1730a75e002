"""Reference solution: ReLU, leaky ReLU, tanh, a stable softmax, and derivatives."""

import numpy as np


def relu(x):
    """max(0, x), element-wise, as a new float array."""
    return np.maximum(np.asarray(x, dtype=float), 0.0)


def leaky_relu(x, alpha=0.01):
    """x where x > 0, alpha * x elsewhere."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * x)


def tanh(x):
    """Hyperbolic tangent; np.tanh is stable for any x."""
    return np.tanh(np.asarray(x, dtype=float))


def softmax(z, axis=-1):
    """exp(z) / sum(exp(z)) along `axis`, shifted by the maximum so that exp never overflows."""
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=axis, keepdims=True)


def relu_derivative(x):
    """1 where x > 0, else 0 (the course's convention at x = 0)."""
    return (np.asarray(x, dtype=float) > 0).astype(float)


def tanh_derivative(x):
    """1 - tanh(x)**2, with tanh applied once to the input."""
    t = tanh(x)
    return 1.0 - t ** 2
