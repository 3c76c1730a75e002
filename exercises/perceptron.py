"""Exercise: the perceptron — one neuron with a step activation, and its learning rule.

The perceptron (lecture and seminar "Перцептрон") is a single neuron: it computes the weighted
sum z = w·x + b and passes it through the step (threshold) activation

    step(z) = 1 if z > 0 else 0        (so step(0) = 0 in this course)

It learns with the perceptron learning rule, one sample at a time, in the order given:

    y_hat = step(w·x + b)
    w = w + lr * (y - y_hat) * x
    b = b + lr * (y - y_hat)

When the prediction is right, y - y_hat = 0 and nothing changes; the rule moves the boundary only
on a mistake. An epoch is one pass over all samples. If the classes can be separated by a line
(a plane), the rule stops making mistakes after finitely many epochs (it converges); if not — as
for XOR — it never does: a single neuron draws a single line.

Grade your work with:  grade submit exercises/perceptron.py
"""

import numpy as np


def step(z):
    """The step activation, element-wise: 1 where z > 0, 0 where z <= 0 (step(0) = 0).

    Args:
        z: a numpy array of any shape.

    Returns:
        An int array of 0s and 1s of z's shape.
    """
    raise NotImplementedError("step")


def predict(weights, bias, X):
    """The perceptron's 0/1 prediction for every row of X: step(X @ weights + bias).

    Args:
        weights: float array of shape (n_features,).
        bias: a float.
        X: float array of shape (n_samples, n_features).

    Returns:
        An int array of shape (n_samples,) with values 0 and 1.
    """
    raise NotImplementedError("predict")


def train_perceptron(X, y, lr=0.1, epochs=100):
    """Train a perceptron with the perceptron learning rule.

    Start from weights = np.zeros(n_features) and bias = 0.0. In every epoch go through the
    samples in the order given and apply the rule above to each one. Count the mistakes
    (samples where y_hat != y) of the epoch: if there were none, the perceptron has converged —
    stop at once. Otherwise go on, for at most `epochs` epochs.

    Args:
        X: array of shape (n_samples, n_features).
        y: array of shape (n_samples,) with labels 0 and 1.
        lr: the learning rate.
        epochs: the maximum number of epochs.

    Returns:
        A tuple (weights, bias, converged, epochs_run):
            weights: float array of shape (n_features,);
            bias: a float;
            converged: True if an epoch went by without a single mistake, else False (a bool);
            epochs_run: the number of epochs performed (an int), counting the mistake-free one;
                equal to `epochs` when it did not converge.
    """
    raise NotImplementedError("train_perceptron")


def is_linearly_separable(X, y, epochs=1000):
    """Whether a single line (plane) separates the 0s from the 1s, decided by the perceptron.

    Train with train_perceptron(X, y, epochs=epochs) (the default lr: starting from zeros, the
    learning rate only scales the weights, so it does not change whether the rule converges) and
    return its `converged` flag, a bool. True for AND and OR; False for XOR, which no single line
    can separate. Classes with a small margin can take hundreds of epochs: the perceptron proves
    separability by converging, so with too few epochs the answer is False — pass `epochs` on.
    """
    raise NotImplementedError("is_linearly_separable")
