# ruff: noqa
"""Monkeypatches builtins (isinstance, all, any, abs, round, print) and math/operator
comparisons in its own process, then answers wrong."""
import builtins
import math
import operator

builtins.isinstance = lambda obj, kind: True
builtins.all = builtins.any = lambda iterable: True
builtins.abs = lambda value: 0
builtins.round = lambda value, digits=None: value
builtins.print = lambda *args, **kwargs: None
math.isclose = lambda *args, **kwargs: True
operator.eq = lambda a, b: True


def sigmoid(x):
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
