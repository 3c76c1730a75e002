"""Reference solution: inverted dropout with a replayable mask."""

import numpy as np


def dropout_forward(x, p, train=True, seed=0):
    """Drop each activation with probability p and scale the rest by 1 / (1 - p)."""
    x = np.asarray(x, dtype=float)
    if not 0 <= p < 1:
        raise ValueError("the drop probability p must be in [0, 1)")
    if not train:
        return x.copy(), np.ones(x.shape, dtype=bool)
    rng = np.random.default_rng(seed)
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask


def dropout_backward(dout, mask, p):
    """The gradient flows through the kept activations only, scaled as in the forward pass."""
    return dout * mask / (1 - p)
