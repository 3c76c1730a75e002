"""Exercise: the sigmoid activation function and its derivative.

A neuron computes a weighted sum of its inputs plus a bias and passes it through an activation
function. The sigmoid squashes any real number into (0, 1):

    sigmoid(x) = 1 / (1 + exp(-x))

and its derivative, used in back-propagation, is sigmoid(x) * (1 - sigmoid(x)).

Grade your work with:  grade submit exercises/sigmoid.py
"""

import numpy as np


def sigmoid(x):
    """Sigmoid of `x`, element-wise.

    Args:
        x: a Python number or a numpy array of any shape.

    Returns:
        For a number, a float; for an array, a float64 array of the same shape. Must be
        numerically stable: finite, correct and without overflow warnings even for x = ±1000.
        The input is left unchanged.
    """
    raise NotImplementedError("sigmoid")


def sigmoid_derivative(x):
    """Derivative of the sigmoid at `x` (not at sigmoid(x)), element-wise; same contract."""
    raise NotImplementedError("sigmoid_derivative")
