"""Reference solution: the perceptron with a step activation and the perceptron learning rule."""

import numpy as np


def step(z):
    """1 where z > 0, else 0 (step(0) = 0)."""
    return (np.asarray(z) > 0).astype(int)


def predict(weights, bias, X):
    """step(X @ weights + bias) for every row of X."""
    X = np.asarray(X, dtype=float)
    return step(X @ np.asarray(weights, dtype=float) + bias)


def train_perceptron(X, y, lr=0.1, epochs=100):
    """Online perceptron rule from zero weights; stops after the first mistake-free epoch."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    weights = np.zeros(X.shape[1])
    bias = 0.0
    for epoch in range(1, epochs + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            error = y_i - step(x_i @ weights + bias)
            mistakes += int(error != 0)
            weights = weights + lr * error * x_i
            bias = bias + lr * error
        if mistakes == 0:
            return weights, float(bias), True, epoch
    return weights, float(bias), False, epochs


def is_linearly_separable(X, y, epochs=1000):
    """The perceptron converges exactly when a line separates the classes."""
    return train_perceptron(X, y, epochs=epochs)[2]
