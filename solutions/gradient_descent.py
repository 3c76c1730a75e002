"""Reference solution: batch, stochastic and mini-batch gradient descent for linear regression."""

import numpy as np


def mse_loss(X, y, w, b):
    """mean((X @ w + b - y) ** 2) as a float."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean((X @ w + b - y) ** 2))


def gradients(X, y, w, b):
    """(2/n X.T @ error, 2/n sum(error)) with error = X @ w + b - y."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    error = X @ w + b - y
    return 2.0 * X.T @ error / len(y), float(2.0 * np.sum(error) / len(y))


def _descend(X, y, lr, epochs, batch_size, seed=None):
    """Steps over consecutive batches of a fresh permutation per epoch (none without a seed)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n = len(y)
    rng = None if seed is None else np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    history = np.zeros(epochs)
    for epoch in range(epochs):
        order = np.arange(n) if rng is None else rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            grad_w, grad_b = gradients(X[batch], y[batch], w, b)
            w = w - lr * grad_w
            b = b - lr * grad_b
        history[epoch] = mse_loss(X, y, w, b)
    return w, b, history


def batch_gd(X, y, lr, epochs):
    """One full-batch step per epoch."""
    return _descend(X, y, lr, epochs, len(y))


def sgd(X, y, lr, epochs, seed):
    """One step per sample, in a shuffled order each epoch."""
    return _descend(X, y, lr, epochs, 1, seed)


def minibatch_gd(X, y, lr, epochs, batch_size, seed):
    """One step per mini-batch of a shuffled order each epoch; the last batch may be smaller."""
    return _descend(X, y, lr, epochs, batch_size, seed)
