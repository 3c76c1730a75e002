"""Exercise: loss functions and their gradients.

A loss function measures how far the network's predictions are from the true answers; training
moves the weights against its gradient. The course uses two (notes on training, section 2.3):

    Mean Squared Error     L = 1/n * sum_i (y_i - ŷ_i)²                       (regression)
    Binary Cross-Entropy   L = -1/n * sum_i [y_i log(ŷ_i) + (1 - y_i) log(1 - ŷ_i)]
                                                   (two classes; ŷ is a probability in [0, 1])

n is the number of elements (the mean is over ALL elements), log is the natural logarithm.

Shapes: the first argument (the prediction) may have any shape; the second (the target) must
hold the same number of elements and is compared element by element in the prediction's shape:
reshape it with y.reshape(y_hat.shape). Do not let numpy broadcast a column (n, 1) against a
vector (n,) into an (n, n) table. A different number of elements is a ValueError.
Functions leave their inputs unchanged.

Grade your work with:  grade submit exercises/losses.py
"""

import numpy as np


def mse(y_hat, y):
    """Mean squared error: np.mean((y_hat - y) ** 2), a Python float.

    Args:
        y_hat: predictions, a float array of any shape.
        y: targets with the same number of elements (reshaped to y_hat's shape).
    """
    raise NotImplementedError("mse")


def mse_grad(y_hat, y):
    """Gradient of mse(y_hat, y) with respect to y_hat: 2 * (y_hat - y) / n, n = y_hat.size.

    Returns a new float array of y_hat's shape.
    """
    raise NotImplementedError("mse_grad")


def binary_cross_entropy(p, y, eps=1e-12):
    """Binary cross-entropy of predicted probabilities `p` against 0/1 labels `y`, a Python float.

    -mean(y * log(p) + (1 - y) * log(1 - p)), mean over all elements, natural log.

    log(0) is -inf, so first clip the probabilities into [eps, 1 - eps]:
    p = np.clip(p, eps, 1 - eps) (a new array: do not clip the caller's array in place).
    The result is then finite even for p exactly 0 or 1, and close to 0 when p == y.
    Use the `eps` you are given.
    """
    raise NotImplementedError("binary_cross_entropy")


def bce_grad(p, y, eps=1e-12):
    """Gradient of binary_cross_entropy(p, y, eps) with respect to p, at the clipped p.

    With p clipped into [eps, 1 - eps] as above and n = p.size:
        (p - y) / (p * (1 - p)) / n     (= -(y / p - (1 - y) / (1 - p)) / n)
    Returns a new float array of p's shape, finite even where the given p is 0 or 1.
    """
    raise NotImplementedError("bce_grad")
