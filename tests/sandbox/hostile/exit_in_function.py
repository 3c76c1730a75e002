# ruff: noqa
"""A correct sigmoid; the derivative calls os._exit(3): only its checks fail."""
import os


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    os._exit(3)
