"""Exercise: a neural network with one input, one hidden and one output layer.

The input layer passes X on; the hidden layer computes sigmoid(X @ W1 + b1); the output layer
computes sigmoid(H @ W2 + b2). Training repeats forward propagation (compute the prediction and
the loss), back-propagation (the gradient of the loss with respect to every weight and bias) and
a gradient-descent step (parameter -= lr * gradient).

The loss is the mean squared error over all outputs:  loss = np.mean((Y_hat - Y) ** 2)

Grade your work with:  grade submit exercises/net.py
"""

import numpy as np


def sigmoid(x):
    """Sigmoid activation (you may reuse your exercises/sigmoid.py here)."""
    raise NotImplementedError("sigmoid")


def init_params(n_input, n_hidden, n_output, seed=0):
    """Random initial parameters.

    Returns a dict with W1 (n_input, n_hidden), b1 (n_hidden,), W2 (n_hidden, n_output),
    b2 (n_output,). Use np.random.default_rng(seed) so the same seed gives the same network;
    weights must not all be equal (small random values, e.g. normal with scale 0.5), biases may
    start at zero.
    """
    raise NotImplementedError("init_params")


def forward(params, X):
    """Forward propagation for a batch X of shape (n_samples, n_input).

    Returns (Y_hat, cache): Y_hat of shape (n_samples, n_output), and cache, a dict of numpy
    arrays with whatever backward() needs (for example X and the hidden activations).
    """
    raise NotImplementedError("forward")


def loss(Y_hat, Y):
    """Mean squared error: np.mean((Y_hat - Y) ** 2), a float."""
    raise NotImplementedError("loss")


def backward(params, cache, Y):
    """Back-propagation of the loss above.

    Returns a dict of gradients with the same keys and shapes as params: dLoss/dW1, dLoss/db1,
    dLoss/dW2, dLoss/db2 (for the mean over all outputs, as in loss()).
    """
    raise NotImplementedError("backward")


def train(X, Y, n_hidden, epochs, lr, seed=0):
    """Full-batch gradient descent: init_params(..., seed), then `epochs` times forward,
    backward, and params[k] -= lr * grads[k]. Returns the trained params."""
    raise NotImplementedError("train")


def predict(params, X):
    """0/1 labels: 1 where the network's output is at least 0.5, else 0 (an int array)."""
    raise NotImplementedError("predict")
