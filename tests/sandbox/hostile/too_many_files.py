# ruff: noqa
"""A correct sigmoid; the derivative opens a thousand files: stopped at the open-files limit."""

kept = []


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    for number in range(1000):
        kept.append(open(f"f{number}", "w"))
    return _right_derivative(x)
