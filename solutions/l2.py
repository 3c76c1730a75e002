"""Reference solution: L2 penalty lam * sum(w ** 2) on weights (not biases), and weight decay."""

import numpy as np


def _is_bias(name):
    return name.startswith("b")


def l2_penalty(params, lam):
    """lam * (sum of squared weights), biases excluded."""
    squares = sum(np.sum(np.asarray(w, dtype=float) ** 2)
                  for name, w in params.items() if not _is_bias(name))
    return float(lam * squares)


def l2_gradient(params, lam):
    """2 * lam * w for every weight, zeros for every bias."""
    gradient = {}
    for name, w in params.items():
        w = np.asarray(w, dtype=float)
        gradient[name] = np.zeros(w.shape) if _is_bias(name) else 2 * lam * w
    return gradient


def sgd_step_with_l2(params, grads, lr, lam):
    """w - lr * (grad + 2 * lam * w) for weights; b - lr * grad for biases."""
    decay = l2_gradient(params, lam)
    return {name: np.asarray(params[name], dtype=float) - lr * (grads[name] + decay[name])
            for name in params}
