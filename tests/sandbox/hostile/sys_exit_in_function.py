# ruff: noqa
"""A correct sigmoid; the derivative calls sys.exit(2): only its checks fail."""
import sys


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    sys.exit(2)
