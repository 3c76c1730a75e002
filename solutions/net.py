"""Reference solution: a one-hidden-layer sigmoid network trained by gradient descent on MSE."""

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def init_params(n_input, n_hidden, n_output, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 1.0, size=(n_input, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0, size=(n_hidden, n_output)),
        "b2": np.zeros(n_output),
    }


def forward(params, X):
    X = np.asarray(X, dtype=float)
    H = sigmoid(X @ params["W1"] + params["b1"])
    Y_hat = sigmoid(H @ params["W2"] + params["b2"])
    return Y_hat, {"X": X, "H": H, "Y_hat": Y_hat}


def loss(Y_hat, Y):
    return float(np.mean((np.asarray(Y_hat) - np.asarray(Y)) ** 2))


def backward(params, cache, Y):
    X, H, Y_hat = cache["X"], cache["H"], cache["Y_hat"]
    Y = np.asarray(Y, dtype=float).reshape(Y_hat.shape)
    d_out = 2.0 * (Y_hat - Y) / Y_hat.size * Y_hat * (1.0 - Y_hat)
    d_hidden = (d_out @ params["W2"].T) * H * (1.0 - H)
    return {
        "W1": X.T @ d_hidden,
        "b1": d_hidden.sum(axis=0),
        "W2": H.T @ d_out,
        "b2": d_out.sum(axis=0),
    }


def train(X, Y, n_hidden, epochs, lr, seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params(X.shape[1], n_hidden, Y.shape[1], seed)
    for _ in range(epochs):
        _, cache = forward(params, X)
        grads = backward(params, cache, Y)
        for key in params:
            params[key] -= lr * grads[key]
    return params


def predict(params, X):
    Y_hat, _ = forward(params, X)
    return (Y_hat >= 0.5).astype(int)
