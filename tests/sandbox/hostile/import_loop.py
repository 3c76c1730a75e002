# ruff: noqa
"""An endless loop while the file is loaded: the load times out, every check scores 0."""
import numpy as np

while True:
    pass


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    return _right_derivative(x)
