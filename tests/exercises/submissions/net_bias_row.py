import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init_params(n_input, n_hidden, n_output, seed=0):
    np.random.seed(seed)
    W1 = np.random.randn(n_input, n_hidden) * 0.5
    b1 = np.zeros((1, n_hidden))
    W2 = np.random.randn(n_hidden, n_output) * 0.5
    b2 = np.zeros((1, n_output))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward(params, X):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = sigmoid(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"X": X, "A1": A1, "A2": A2}


def loss(Y_hat, Y):
    return np.mean((Y_hat - Y) ** 2)


def backward(params, cache, Y):
    m = Y.size
    dZ2 = 2 / m * (cache["A2"] - Y) * cache["A2"] * (1 - cache["A2"])
    dW2 = cache["A1"].T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = dZ2 @ params["W2"].T * cache["A1"] * (1 - cache["A1"])
    dW1 = cache["X"].T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def train(X, Y, n_hidden, epochs, lr, seed=0):
    params = init_params(X.shape[1], n_hidden, Y.shape[1], seed)
    for epoch in range(epochs):
        Y_hat, cache = forward(params, X)
        grads = backward(params, cache, Y)
        for key in params:
            params[key] -= lr * grads[key]
    return params


def predict(params, X):
    Y_hat, _ = forward(params, X)
    return (Y_hat > 0.5).astype(int)
