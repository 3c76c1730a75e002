# ruff: noqa
"""Monkeypatches builtins (isinstance, type, len, getattr, vars, all, any, abs, round, print) and
math/operator comparisons in its own process, then answers wrong. The grader's comparisons run in
its own process; the child's reply code runs with the original builtins."""
import builtins
import math
import operator

builtins.isinstance = lambda obj, kind: True
builtins.all = builtins.any = lambda iterable: True
builtins.abs = lambda value: 0
builtins.round = lambda value, digits=None: value
builtins.print = lambda *args, **kwargs: None
builtins.type = lambda *args: object
builtins.len = lambda obj: 0
builtins.getattr = lambda *args: None
builtins.vars = lambda *args: {}
math.isclose = lambda *args, **kwargs: True
operator.eq = lambda a, b: True


def sigmoid(x):
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
