"""Exercise: gradient descent — batch, stochastic (SGD) and mini-batch — for linear regression.

The model is one linear neuron: y_hat = X @ w + b, trained on the mean squared error

    loss(w, b) = mean((X @ w + b - y) ** 2)

whose gradient over n samples is

    d loss / d w = 2/n * X.T @ (X @ w + b - y)        d loss / d b = 2/n * sum(X @ w + b - y)

Gradient descent moves against the gradient: w = w - lr * grad_w, b = b - lr * grad_b.
The course's three variants (notes on training, section 3.1) differ in how many samples each step
uses:
  - batch gradient descent: all samples, one step per epoch;
  - stochastic gradient descent (SGD): one sample per step, n steps per epoch;
  - mini-batch gradient descent: `batch_size` samples per step.

Rules that make every run reproducible (the grader replays your exact trajectory):
  - start from w = np.zeros(n_features), b = 0.0;
  - SGD and mini-batch: create ONE generator rng = np.random.default_rng(seed) before the first
    epoch; at the start of every epoch draw order = rng.permutation(n) and visit the samples in
    that order, X[order] together with y[order] (the same order for both); mini-batches are
    consecutive slices order[start:start + batch_size], and the last one may be smaller;
  - each step uses the mean gradient of ITS batch (divide by the batch's own size);
  - after each epoch, append the loss on the FULL data set, with the updated w and b.
Every function returns (w, b, loss_history): w a float array of shape (n_features,), b a float,
loss_history a float array of shape (epochs,). The inputs X and y are left unchanged.

Grade your work with:  grade submit exercises/gradient_descent.py
"""

import numpy as np


def mse_loss(X, y, w, b):
    """The mean squared error of the predictions X @ w + b against y, a Python float.

    Args:
        X: float array of shape (n_samples, n_features).
        y: float array of shape (n_samples,).
        w: float array of shape (n_features,).
        b: a float.
    """
    raise NotImplementedError("mse_loss")


def gradients(X, y, w, b):
    """The gradient of mse_loss(X, y, w, b): a tuple (grad_w, grad_b).

    grad_w = 2/n * X.T @ (X @ w + b - y), an array of shape (n_features,);
    grad_b = 2/n * sum(X @ w + b - y), a float; n = len(y), the number of rows given.
    """
    raise NotImplementedError("gradients")


def batch_gd(X, y, lr, epochs):
    """Batch gradient descent: each epoch is ONE step with the gradient over all samples.

    Returns (w, b, loss_history), loss_history[i] = mse_loss on all data after epoch i.
    """
    raise NotImplementedError("batch_gd")


def sgd(X, y, lr, epochs, seed):
    """Stochastic gradient descent: each epoch visits every sample once, in the order
    rng.permutation(n) of a single rng = np.random.default_rng(seed), with one step per sample.

    Returns (w, b, loss_history), loss_history[i] = mse_loss on all data after epoch i.
    """
    raise NotImplementedError("sgd")


def minibatch_gd(X, y, lr, epochs, batch_size, seed):
    """Mini-batch gradient descent: each epoch shuffles with order = rng.permutation(n) (a single
    rng = np.random.default_rng(seed)) and takes one step per slice order[start:start +
    batch_size], start = 0, batch_size, 2 * batch_size, ... — including a smaller last batch.

    batch_size = len(X) gives batch gradient descent, batch_size = 1 gives SGD with this seed.
    Returns (w, b, loss_history), loss_history[i] = mse_loss on all data after epoch i.
    """
    raise NotImplementedError("minibatch_gd")
