# ruff: noqa
"""A correct sigmoid; the derivative rewrites its process's reply codec so that what reaches the
grader is garbage. The grader decodes without trusting it: a failed check, not a crash."""
import sys


def sigmoid(x):
    return _right_sigmoid(x)


def sigmoid_derivative(x):
    codec = sys.modules["wire"]
    codec.frame = lambda message: b"\x00\x00\x00\x00\x00\x00\x00\x04junk"
    return _right_derivative(x)
