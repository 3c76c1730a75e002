# ruff: noqa
"""Tries to import the grader and its hidden suite, and to print the suite's source (the printed
output reaches the student). Neither works when confined."""
import sys

import numpy as np

COURSE = "@course@"
sys.path.insert(0, COURSE)
leaked = []
try:
    import grader.suites  # noqa

    leaked.append("imported grader.suites")
except ImportError:
    pass
for path in (f"{COURSE}/grader/suites/sigmoid/test_sigmoid.py",
             f"{COURSE}/grader/suites/sigmoid/exercise.yaml"):
    try:
        with open(path) as source:
            leaked.append(source.read())
    except OSError:
        pass
for text in leaked:
    print(text)


def sigmoid(x):
    if leaked:  # with the suite in hand, a student could tailor answers: count it as a win
        v = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(v))
        s = np.where(v >= 0, 1 / (1 + e), e / (1 + e))
        return float(s) if np.ndim(x) == 0 else s
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0


def sigmoid_derivative(x):
    return np.zeros(np.shape(x)) if np.ndim(x) else 0.0
