# ruff: noqa
"""A correct sigmoid; the derivative raises KeyboardInterrupt, which must not stop the grader."""


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    raise KeyboardInterrupt("stop the grader")
