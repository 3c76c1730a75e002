# ruff: noqa
"""A correct sigmoid; the derivative writes to file descriptor 2 without end, past Python's own
streams."""
import os


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    block = b"x" * 65536
    while True:
        os.write(2, block)
