"""Reference solution: MSE and binary cross-entropy, with gradients, safe at p = 0 and p = 1."""

import numpy as np


def _paired(prediction, target):
    """Both as float arrays, the target in the prediction's shape (ValueError if sizes differ)."""
    prediction = np.asarray(prediction, dtype=float)
    target = np.asarray(target, dtype=float)
    if target.size != prediction.size:
        raise ValueError(f"{prediction.size} predictions but {target.size} targets")
    return prediction, target.reshape(prediction.shape)


def mse(y_hat, y):
    """np.mean((y_hat - y) ** 2) as a float."""
    y_hat, y = _paired(y_hat, y)
    return float(np.mean((y_hat - y) ** 2))


def mse_grad(y_hat, y):
    """d mse / d y_hat = 2 * (y_hat - y) / n."""
    y_hat, y = _paired(y_hat, y)
    return 2.0 * (y_hat - y) / y_hat.size


def binary_cross_entropy(p, y, eps=1e-12):
    """-mean(y log p + (1 - y) log(1 - p)) with p clipped into [eps, 1 - eps]."""
    p, y = _paired(p, y)
    p = np.clip(p, eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def bce_grad(p, y, eps=1e-12):
    """d bce / d p at the clipped p: (p - y) / (p (1 - p)) / n."""
    p, y = _paired(p, y)
    p = np.clip(p, eps, 1.0 - eps)
    return (p - y) / (p * (1.0 - p)) / p.size
