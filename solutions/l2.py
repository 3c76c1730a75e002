"""Reference solution: L2 penalty lam * sum(w ** 2) on weights (not biases), and weight decay."""

import numpy as np


def _is_bias(name):
    return name.startswith("b")


def l2_penalty(params, lam):
    """lam * (sum of squared weights), biases excluded."""
    squares = sum(np.sum(w ** 2) for name, w in params.items() if not _is_bias(name))
    return float(lam * squares)


def l2_gradient(params, lam):
    """2 * lam * w for every weight, zeros for every bias."""
    return {name: np.zeros_like(w, dtype=float) if _is_bias(name) else 2 * lam * w
            for name, w in params.items()}


def sgd_step_with_l2(params, grads, lr, lam):
    """w - lr * (grad + 2 * lam * w) for weights; b - lr * grad for biases."""
    decay = l2_gradient(params, lam)
    return {name: params[name] - lr * (grads[name] + decay[name]) for name in params}
