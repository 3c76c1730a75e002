# ruff: noqa
"""The yardstick: an honest but wrong sigmoid submission (zeros of the right shape, from
_answers.py, which the tests append to every file here).

Hostile submissions whose attack fails fall back to exactly this code, so each of them must get
exactly this verdict: an attack may never earn a point an honest wrong answer would not.
"""


def sigmoid(x):
    return _honest_wrong(x)


def sigmoid_derivative(x):
    return _honest_wrong(x)
