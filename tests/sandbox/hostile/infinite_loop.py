# ruff: noqa
"""A correct sigmoid, and a derivative that never returns: only the derivative's checks fail,
each with a timeout that says so in plain words."""


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    while True:
        pass
