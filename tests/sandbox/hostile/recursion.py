# ruff: noqa
"""Recursion bombs: sigmoid recurses forever in Python (RecursionError); the derivative lifts the
recursion limit and recurses through C code until the C stack overflows (a crash)."""
import sys


def sigmoid(x):
    return sigmoid(x)


def sigmoid_derivative(x):
    sys.setrecursionlimit(10**8)

    def deeper(value):
        return list(map(deeper, [value]))

    return deeper(x)
