"""Homework 3: two-layer network (sigmoid inlined in forward)."""

import numpy as np


def init_params(n_input, n_hidden, n_output, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, 0.5, (n_input, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, 0.5, (n_hidden, n_output)),
        "b2": np.zeros(n_output),
    }


def forward(params, x):
    a1 = 1 / (1 + np.exp(-(x @ params["W1"] + params["b1"])))
    a2 = 1 / (1 + np.exp(-(a1 @ params["W2"] + params["b2"])))
    return a2, {"x": x, "a1": a1, "a2": a2}


def loss(y_pred, y_true):
    return float(np.mean((y_pred - y_true) ** 2))


def backward(params, cache, y):
    x, a1, a2 = cache["x"], cache["a1"], cache["a2"]
    dz2 = 2 * (a2 - y) / y.size * a2 * (1 - a2)
    dz1 = dz2 @ params["W2"].T * a1 * (1 - a1)
    return {
        "W1": x.T @ dz1,
        "b1": dz1.sum(axis=0),
        "W2": a1.T @ dz2,
        "b2": dz2.sum(axis=0),
    }


def train(x, y, n_hidden, epochs, lr, seed=0):
    params = init_params(x.shape[1], n_hidden, y.shape[1], seed)
    for _ in range(epochs):
        y_pred, cache = forward(params, x)
        grads = backward(params, cache, y)
        for k in params:
            params[k] = params[k] - lr * grads[k]
    return params


def predict(params, x):
    return (forward(params, x)[0] >= 0.5).astype(int)
