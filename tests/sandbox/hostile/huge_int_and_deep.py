# ruff: noqa
"""An integer with 5000 digits, and a list nested 1000 levels deep: both refused."""


def sigmoid(x):
    return 10**5000


def sigmoid_derivative(x):
    value = [0.25]
    for _ in range(1000):
        value = [value]
    return value
